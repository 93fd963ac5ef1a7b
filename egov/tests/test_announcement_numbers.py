"""The announcement's number (số, ký hiệu): gapless per agency and year, safe under concurrency.

Here, above the domains: the notation takes the body's abbreviation from the
document office, which the test enters with the office's own model.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from egov.conftest import Cast, Province
from egov.office.documents.models import UnitAbbreviation
from egov.onestop.quality.announcement.models import AnnouncementSeries, IssuedAnnouncement
from egov.onestop.quality.announcement.numbering import number_announcement
from egov.onestop.quality.announcement.selectors import AnnouncedProcedure, Announcement
from egov.platform.organisation.models import Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2026, 12, 1, 9, tzinfo=VN)


def listing(agency: Unit, *editions: int, year: int = 2026) -> Announcement:
    entries = [
        AnnouncedProcedure(f"QT-{n}", "Đăng ký khai sinh", agency.name, n, date(2026, 2, 15))
        for n in editions
    ]
    return Announcement(
        agency=agency, year=year, as_of=date(2026, 12, 1), entries=entries, heads=[]
    )


def issue(cast: Cast, announcement: Announcement) -> tuple[str, bool]:
    with transaction.atomic():
        issued, new = number_announcement(actor=cast.admin, announcement=announcement, at=AT)
    return issued.notation, new


@pytest.mark.django_db
def test_numbers_run_per_agency_and_year_and_a_reprint_keeps_its_number(
    cast: Cast, province: Province
) -> None:
    UnitAbbreviation.objects.create(unit=province.long_an, abbreviation="UBND")

    assert [
        issue(cast, listing(province.long_an, 1)),
        # printed again, same editions
        issue(cast, listing(province.long_an, 1)),
        # the scope changed: announced again
        issue(cast, listing(province.long_an, 1, 2)),
        issue(cast, listing(province.tan_ninh, 1)),
        issue(cast, listing(province.long_an, 1, year=2027)),
    ] == [
        ("01/QĐ-UBND", True),
        ("01/QĐ-UBND", False),
        ("02/QĐ-UBND", True),
        ("01/QĐ", True),
        ("01/QĐ-UBND", True),
    ]
    assert list(
        AnnouncementSeries.objects.order_by("agency__path", "year").values_list(
            "agency__name", "year", "last_number"
        )
    ) == [("Phường Long An", 2026, 2), ("Phường Long An", 2027, 1), ("Phường Tân Ninh", 2026, 1)]


@pytest.mark.django_db
def test_a_failed_issue_gives_its_number_back(cast: Cast, province: Province) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        number_announcement(actor=cast.admin, announcement=listing(province.long_an, 1), at=AT)
        raise RuntimeError("the PDF failed")

    assert issue(cast, listing(province.long_an, 2)) == ("01/QĐ", True)


# Outside the test's own transaction, as a caller that forgot its own.
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_is_refused(cast: Cast, province: Province) -> None:
    with pytest.raises(RuntimeError):
        number_announcement(actor=cast.admin, announcement=listing(province.long_an, 1), at=AT)
    assert IssuedAnnouncement.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_issues_at_once_take_consecutive_numbers(cast: Cast, province: Province) -> None:
    # Two heads announce different lists at the same moment, each in its own
    # transaction (PostgreSQL: the counter's row lock; SQLite: the write lock).
    barrier = threading.Barrier(2)
    taken: list[str] = []
    errors: list[BaseException] = []

    def head(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            taken.append(issue(cast, listing(province.long_an, index + 1))[0])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=head, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(taken) == ["01/QĐ", "02/QĐ"]
    assert list(IssuedAnnouncement.objects.values_list("number", flat=True).order_by("number")) == [
        1,
        2,
    ]
