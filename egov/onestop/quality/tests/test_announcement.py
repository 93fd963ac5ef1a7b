"""The yearly announcement of conformity (issue 19, item 4): what it lists, who may issue it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login, make_staff
from egov.onestop.dossiers.printing.tests.pdf import text
from egov.onestop.procedures.models import Procedure
from egov.onestop.quality.announcement.models import AnnouncementSeries, IssuedAnnouncement
from egov.onestop.quality.announcement.selectors import AnnouncedProcedure, announcement_of
from egov.onestop.quality.models import Edition
from egov.onestop.quality.services import approve_edition
from egov.onestop.quality.tests.conftest import save, slower
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(province: Province) -> User:
    return make_staff("chutich", "Nguyễn Văn Bình", (province.long_an, Role.HEAD))


@pytest.fixture
def two_editions(
    birth: Procedure, province: Province, standard: dict[str, Any], edition: Edition, head: User
) -> tuple[Edition, Edition]:
    """Edition 1 issued 10/06/2025, edition 2 issued 15/02/2026 (superseding it)."""
    with time_machine.travel("2025-06-10T09:00:00+07:00", tick=False):
        approve_edition(actor=head, edition=edition)
    with time_machine.travel("2026-02-15T09:00:00+07:00", tick=False):
        save(birth, province, slower(standard, "10"))
        second = Edition.objects.get(number=2)
        approve_edition(actor=head, edition=second)
    edition.refresh_from_db()
    second.refresh_from_db()
    return edition, second


def test_the_announcement_lists_the_edition_in_force_on_its_day(
    province: Province, head: User, two_editions: tuple[Edition, Edition]
) -> None:
    past = announcement_of(province.province, 2025, today=date(2026, 12, 1))
    current = announcement_of(province.long_an, 2026, today=date(2026, 12, 1))
    before = announcement_of(province.long_an, 2024, today=date(2026, 12, 1))

    entry = ("QT-1.001193", "Đăng ký khai sinh", "Phường Long An")
    assert (past.as_of, past.entries, past.heads) == (
        date(2025, 12, 31),
        [AnnouncedProcedure(*entry, number=1, issued_on=date(2025, 6, 10))],
        [],
    )
    assert (current.as_of, current.entries, current.heads, current.signer) == (
        date(2026, 12, 1),
        [AnnouncedProcedure(*entry, number=2, issued_on=date(2026, 2, 15))],
        [head],
        "Nguyễn Văn Bình",
    )
    assert before.entries == []
    # Another commune announces nothing of Long An's.
    assert announcement_of(province.tan_ninh, 2026, today=date(2026, 12, 1)).entries == []


def test_the_head_produces_the_pdf_and_it_is_audited(
    client: Client, province: Province, head: User, two_editions: tuple[Edition, Edition]
) -> None:
    url = f"/chat-luong/cong-bo/{province.long_an.pk}/2026/"
    login(client, head)
    with time_machine.travel("2026-12-01T09:00:00+07:00", tick=False):
        page = client.get(url).content.decode()
        response = client.post(f"{url}pdf/")

    assert '<tr><td class="code"><code>QT-1.001193</code></td><td>Đăng ký khai sinh</td>' in page
    assert "Người ký: Nguyễn Văn Bình" in page
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "application/pdf",
        f'inline; filename="cong-bo-iso-{province.long_an.pk}-2026.pdf"',
    )
    printed = text(response.content)
    assert "PHƯỜNG LONG AN" in printed
    assert "Số: 01/QĐ" in printed
    assert "ngày 01 tháng 12 năm 2026" in printed
    assert "1 QT-1.001193 Đăng ký khai sinh Phường Long An 2 15/02/2026" in printed
    assert "Nguyễn Văn Bình" in printed
    event = AuditEvent.objects.get(event_type="quality.announcement_issued")
    assert (event.actor_id, event.unit_id, event.details) == (
        head.pk,
        province.long_an.pk,
        {
            "year": 2026,
            "as_of": "2026-12-01",
            "editions": [["QT-1.001193", 2]],
            "signer": "Nguyễn Văn Bình",
            "number": 1,
            "notation": "01/QĐ",
            "new_number": True,
        },
    )


def test_the_announcement_is_refused_and_nothing_recorded(
    client: Client, cast: Cast, province: Province, head: User, edition: Edition
) -> None:
    url = f"/chat-luong/cong-bo/{province.long_an.pk}/2026/"
    before = AuditEvent.objects.count()
    with time_machine.travel("2026-12-01T09:00:00+07:00", tick=False):
        login(client, cast.specialist)
        page = client.get(url)
        refused = client.post(f"{url}pdf/")
        login(client, cast.outsider)
        hidden = client.post(f"{url}pdf/")
        login(client, head)
        # Edition 1 is still a draft: nothing in force to announce.
        empty = client.post(f"{url}pdf/")
        future = client.post(f"/chat-luong/cong-bo/{province.long_an.pk}/2027/pdf/")

    message = "Chỉ lãnh đạo hoặc quản trị của cơ quan được lập bản công bố."
    assert (page.status_code, refused.status_code) == (403, 403)
    assert message in page.content.decode()
    assert message in refused.content.decode()
    assert hidden.status_code == 404
    assert empty.status_code == 409
    assert "Cơ quan chưa có quy trình ISO nào được ban hành để công bố." in empty.content.decode()
    assert future.status_code == 404
    assert AuditEvent.objects.count() == before
    assert (AnnouncementSeries.objects.count(), IssuedAnnouncement.objects.count()) == (0, 0)
