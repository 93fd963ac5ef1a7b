"""Staff uploads on a full disk: 507 `storage_full`, no partial file, no row (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, DossierDocument
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.dossiers.tests.samples import PDF, PNG
from egov.onestop.dossiers.tests.test_views_reception import form_data, url
from egov.platform.audit.models import AuditEvent
from egov.platform.core.tests.fulldisk import files_under, fill_up

MESSAGE = (
    "Máy chủ đã hết chỗ lưu trữ nên tệp chưa được lưu và hồ sơ chưa thay đổi. "
    "Vui lòng thử lại sau hoặc báo cho cơ quan tiếp nhận."
)


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_reception_with_two_scans_on_a_full_disk_keeps_nothing(
    desk: Desk,
    cast: Cast,
    province: Province,
    client: Client,
    media: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a disk with room for the first scan and 50 bytes of the second
    login(client, cast.reception)
    disk = fill_up(monkeypatch, room=len(PDF) + 50)
    scans = {
        f"scan_{desk.documents[0].pk}": SimpleUploadedFile("to-khai.pdf", PDF, "application/pdf"),
        f"scan_{desk.documents[1].pk}": SimpleUploadedFile("chung-sinh.png", PNG, "image/png"),
    }

    # When the reception officer sends the form
    response = client.post(url(province), form_data(desk, province, **scans))

    # Then the answer is 507 with the message, and both files were begun...
    assert response.status_code == 507
    assert MESSAGE in response.content.decode()
    assert sorted(disk.written.values()) == [50, len(PDF)]
    # ...and neither is left, nor any row
    assert files_under(media) == []
    assert Dossier.objects.count() == 0
    assert DossierDocument.objects.count() == 0
    assert AuditEvent.objects.filter(event_type__startswith="dossiers.").count() == 0


def test_scan_through_the_api_on_a_full_disk_answers_507(
    desk: Desk,
    cast: Cast,
    province: Province,
    client: Client,
    media: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a received dossier without scans and a disk with 50 bytes left
    dossier = receive(desk, cast, province)
    document = DossierDocument.objects.filter(dossier=dossier).order_by("pk").first()
    assert document is not None
    events = AuditEvent.objects.count()
    login(client, cast.reception)
    disk = fill_up(monkeypatch, room=50)

    # When the officer attaches a scan through the API
    response = client.post(
        f"/api/v1/dossiers/{dossier.pk}/documents/{document.pk}/scan",
        {"file": SimpleUploadedFile("a.pdf", PDF)},
    )

    # Then 507 storage_full, the 50 bytes written are gone, the row unchanged
    assert response.status_code == 507
    assert response.json() == {"code": "storage_full", "message": MESSAGE}
    assert list(disk.written.values()) == [50]
    assert files_under(media) == []
    document.refresh_from_db()
    assert document.scan.name == ""
    assert AuditEvent.objects.count() == events
