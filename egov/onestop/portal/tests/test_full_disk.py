"""A citizen's upload on a full disk: 507 `storage_full`, no partial file, no row (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from egov.conftest import Province, login
from egov.onestop.portal.tests.conftest import PDF, Online
from egov.onestop.portal.tests.test_applying import URL, _nothing_written, _post
from egov.platform.accounts.models import User
from egov.platform.core.tests.fulldisk import files_under, fill_up

MESSAGE = (
    "Máy chủ đã hết chỗ lưu trữ nên tệp chưa được lưu và hồ sơ chưa thay đổi. "
    "Vui lòng thử lại sau hoặc báo cho cơ quan tiếp nhận."
)


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("action", ["luu", "nop"])
def test_an_application_on_a_full_disk_keeps_nothing(
    action: str,
    client: Client,
    online: Online,
    citizen: User,
    province: Province,
    media: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a disk with room for the first file and 30 bytes of the second
    login(client, citizen)
    disk = fill_up(monkeypatch, room=len(PDF) + 30)

    # When the citizen saves or submits the application with its two files
    response = client.post(URL, _post(online, province, hanh_dong=action))

    # Then the answer is 507 with the message, both files were begun...
    assert response.status_code == 507
    assert MESSAGE in response.content.decode()
    assert sorted(disk.written.values()) == [30, len(PDF)]
    # ...and nothing is left: no file, no application, no dossier, no audit
    assert files_under(media) == []
    _nothing_written()
