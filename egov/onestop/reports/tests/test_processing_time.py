"""The processing time fixed at the first end event (`Dossier.processing_seconds`),
which the statistics average: the office time from receipt to the end minus the
citizen's (`Dossier.waited_seconds`: supplements, fees), set by the services
and filled by the migrations for the dossiers stored before them."""

from __future__ import annotations

import importlib
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierStatus, ReturnMethod
from egov.onestop.dossiers.services import (
    confirm_payment,
    move_on,
    receive_supplement,
    record_result,
    request_payment,
    request_supplement,
    return_result,
    withdraw,
)
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.dossiers.timeliness import processing_seconds
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import DossierStatistics, dossier_statistics
from egov.onestop.reports.tests.conftest import MakeDossier, at
from egov.platform.workcalendar.deadlines import OfficeHours, WorkingCalendar
from egov.platform.workcalendar.models import CalendarDay, CalendarDecision, DayKind

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
DAY = 27000  # 07:30-11:30 and 13:30-17:00


def _stats(province: Province, period: Period = MARCH) -> DossierStatistics:
    return dossier_statistics(Scope(province.long_an), period)


def _accepted(desk: Desk, cast: Cast, province: Province, when: datetime) -> Dossier:
    with time_machine.travel(when, tick=False):
        dossier = receive(desk, cast, province)
        return move_on(actor=cast.reception, dossier=dossier, action="forward")


def _finish(desk: Desk, cast: Cast, dossier: Dossier, when: datetime) -> Dossier:
    with time_machine.travel(when, tick=False):
        dossier = move_on(actor=cast.specialist, dossier=dossier, action="forward")
        dossier = move_on(actor=desk.commune_leader, dossier=dossier, action="approve")
        return record_result(
            actor=cast.reception,
            dossier=dossier,
            number="12/GKS",
            signed_on=when.date(),
            signer="Trương Công Danh",
        )


def test_the_citizens_supplement_time_is_not_counted(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # Given a dossier accepted Mon 2 Mar 08:00 that waited for the citizen
    # from Tue 3 to Thu 5 Mar 08:00 (two working days)
    dossier = _accepted(desk, cast, province, at(3, 2))
    with time_machine.travel(at(3, 3), tick=False):
        dossier = request_supplement(actor=cast.specialist, dossier=dossier, items=["Tờ khai"])
    with time_machine.travel(at(3, 5), tick=False):
        dossier = receive_supplement(actor=cast.reception, dossier=dossier)
    assert dossier.waited_seconds == 2 * DAY

    # When it is finished Wed 11 Mar 07:50
    dossier = _finish(desk, cast, dossier, at(3, 11, 7, 50))

    # Then its processing time is the office time from receipt to the end
    # (Monday from 08:00, six full working days, 20 minutes on Wednesday)
    # minus the citizen's two days (Decision 766/QĐ-TTg: the deadline moved
    # by them and so does the time counted): 4.98 working days, not 6.98
    assert dossier.timeliness == "on_time"
    assert dossier.waited_seconds == 54000
    assert dossier.processing_seconds == (DAY - 1800) + 6 * DAY + 1200 - 2 * DAY == 134400
    assert _stats(province).average_days == Decimal("5.0")


def test_the_time_waiting_for_fees_is_not_counted(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # Given a dossier accepted Mon 2 Mar 08:00, paused for a fee from Mon
    # 09:00 to Tue 3 Mar 09:00 (one working day)
    dossier = _accepted(desk, cast, province, at(3, 2))
    with time_machine.travel(at(3, 2, 9), tick=False):
        dossier = request_payment(
            actor=cast.specialist, dossier=dossier, note="Lệ phí 8.000 đồng", amount_vnd=8000
        )
    with time_machine.travel(at(3, 3, 9), tick=False):
        dossier = confirm_payment(actor=None, dossier=dossier, note="VNPAY 123")

    # When it is finished Wed 4 Mar 10:00
    dossier = _finish(desk, cast, dossier, at(3, 4, 10))

    # Then Monday from 08:00 (7 h), Tuesday (7.5 h) and Wednesday to 10:00
    # (2.5 h) minus the day paid for: 9.5 office hours, 1.27 working days
    assert dossier.timeliness == "early"
    assert dossier.waited_seconds == DAY == 27000
    assert dossier.processing_seconds == 25200 + DAY + 9000 - DAY == 34200
    assert _stats(province).average_days == Decimal("1.3")


def test_a_dossier_withdrawn_while_waiting_for_a_supplement_counts_until_the_request(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # Given a dossier accepted Mon 2 Mar 08:00 whose supplement was asked
    # for Tue 3 Mar 10:00 and never came
    dossier = _accepted(desk, cast, province, at(3, 2))
    with time_machine.travel(at(3, 3, 10), tick=False):
        dossier = request_supplement(actor=cast.specialist, dossier=dossier, items=["Tờ khai"])

    # When the citizen withdraws it Mon 9 Mar 09:00, still waiting
    with time_machine.travel(at(3, 9, 9), tick=False):
        dossier = withdraw(actor=cast.reception, dossier=dossier, reason="Công dân rút hồ sơ")

    # Then the wait until the end is the citizen's (Tue 10:00-17:00 5 h,
    # Wed-Fri, Mon 07:30-09:00) and the processing time is the office time
    # before the request: Monday from 08:00 and Tuesday 07:30-10:00, 9.5 h
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.status == DossierStatus.WITHDRAWN
    assert stored.waited_seconds == 18000 + 3 * DAY + 5400 == 104400
    assert stored.processing_seconds == 25200 + 9000 == 34200
    assert _stats(province).average_days == Decimal("1.3")


def test_holidays_and_weekends_are_not_counted_and_returning_later_changes_nothing(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # Given a dossier accepted Wed 29 Apr 2026 16:00, before the 30 April and
    # 1 May holidays and the weekend
    dossier = _accepted(desk, cast, province, at(4, 29, 16))

    # When it is finished Mon 4 May 09:00 and collected Thu 7 May
    dossier = _finish(desk, cast, dossier, at(5, 4, 9))
    with time_machine.travel(at(5, 7, 10), tick=False):
        return_result(
            actor=cast.reception, dossier=dossier, method=ReturnMethod.DESK, collected_by="An"
        )

    # Then it took one hour on Wednesday and 1 h 30 on Monday
    stored = Dossier.objects.get(pk=dossier.pk)
    assert (stored.status, stored.ended_at) == (DossierStatus.RETURNED, at(5, 4, 9))
    assert stored.processing_seconds == 3600 + 5400
    may = Period(date(2026, 5, 1), date(2026, 5, 31))
    assert _stats(province, may).average_days == Decimal("0.3")


def test_a_day_off_decided_by_the_province_is_not_counted(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # Given Friday 6 March declared a day off by an official decision
    decision = CalendarDecision.objects.create(
        reference="01/QĐ-UBND", issued_on=date(2026, 2, 20), issuer="UBND tỉnh Tây Ninh"
    )
    CalendarDay.objects.create(decision=decision, date=date(2026, 3, 6), kind=DayKind.DAY_OFF)
    dossier = _accepted(desk, cast, province, at(3, 5, 16))

    # When the dossier is withdrawn Mon 9 Mar 08:30
    with time_machine.travel(at(3, 9, 8, 30), tick=False):
        dossier = withdraw(actor=cast.reception, dossier=dossier, reason="Công dân rút hồ sơ")

    # Then Thursday's last hour and Monday's first hour count, not Friday
    assert (dossier.status, dossier.processing_seconds) == (DossierStatus.WITHDRAWN, 7200)


def test_a_dossier_never_received_has_no_processing_time(
    desk: Desk, cast: Cast, province: Province
) -> None:
    with time_machine.travel(at(3, 2), tick=False):
        dossier = receive(desk, cast, province, outcome="refuse", reason="Sai thẩm quyền")

    assert (dossier.status, dossier.received_at, dossier.processing_seconds) == (
        DossierStatus.NOT_ACCEPTED,
        None,
        None,
    )


def test_whole_seconds_as_the_report_always_counted() -> None:
    # The report's SQL took EXTRACT(SECOND), which drops the fraction, so
    # 08:00:00.7 → 09:00:00.2 was an hour, not 3,599.5 seconds cut to 3,599.
    calendar = WorkingCalendar(
        overrides={}, office_hours=OfficeHours.parse("07:30-11:30,13:30-17:00")
    )
    received = at(3, 2) + timedelta(microseconds=700_000)
    ended = at(3, 2, 9) + timedelta(microseconds=200_000)

    assert calendar.working_seconds(received, ended) == 3599
    assert processing_seconds(received, ended, calendar) == 3600
    assert processing_seconds(None, ended, calendar) is None


def test_the_average_is_the_mean_office_time_of_the_resolved_dossiers(
    province: Province, make: MakeDossier
) -> None:
    # Given dossiers resolved in March, with fractions of seconds, across a
    # weekend, one that ended before March and one still open
    make(
        at(3, 2) + timedelta(microseconds=900_000),
        at(3, 9),
        at(3, 4, 14, 5) + timedelta(seconds=30),
    )
    make(at(2, 27, 16, 59), at(3, 6), at(3, 2, 7, 31) + timedelta(microseconds=1))
    make(at(3, 10, 12), at(3, 17), at(3, 20, 18), status=DossierStatus.WITHDRAWN)
    make(at(2, 2), at(2, 9), at(2, 27))
    make(at(3, 20), at(3, 27))

    # Then the average is the mean of the office time of the three resolved
    # ones, whole seconds, in working days of 7.5 hours
    calendar = WorkingCalendar.load()
    resolved = Dossier.objects.filter(ended_at__gte=MARCH.start, ended_at__lt=MARCH.stop)
    seconds = [
        calendar.working_seconds(
            d.received_at.replace(microsecond=0),  # type: ignore[union-attr]
            d.ended_at.replace(microsecond=0),  # type: ignore[union-attr]
        )
        for d in resolved.order_by("received_at")
    ]
    assert seconds == [60 + 60, 25200 + DAY + 14400 + 2130, 12600 + 8 * DAY]
    stats = _stats(province)
    # 297,450 s / 3 / 27,000 s = 3.67 working days
    assert (stats.resolved, stats.average_days) == (3, Decimal("3.7"))


def test_the_migration_fills_the_dossiers_that_ended_before_it(
    province: Province, make: MakeDossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given dossiers stored before the column existed (no processing time)
    make(at(3, 2), at(3, 9), at(3, 4))
    make(at(3, 6, 16), at(3, 13), at(3, 9, 9, 30) + timedelta(microseconds=5))
    make(at(4, 29, 18), at(5, 8), at(5, 4, 12))
    make(at(3, 20), at(3, 27))
    make(None, status=DossierStatus.NOT_ACCEPTED, ended_at=at(3, 7))
    expected = dict(Dossier.objects.values_list("pk", "processing_seconds"))
    Dossier.objects.update(processing_seconds=None)

    # When the data migration runs (in batches of two)
    migration = importlib.import_module(
        "egov.onestop.dossiers.migrations.0006_fill_processing_seconds"
    )
    monkeypatch.setattr(migration, "BATCH", 2)
    migration.fill(apps, None)

    # Then every ended dossier has the value the services would have stored
    filled = dict(Dossier.objects.values_list("pk", "processing_seconds"))
    assert filled == expected
    assert sorted(filled.values(), key=lambda v: -1 if v is None else v) == [
        None,
        None,
        10800,
        14400,
        54000,
    ]


def test_the_migration_takes_the_citizens_time_out_of_the_stored_dossiers(
    desk: Desk, cast: Cast, province: Province, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given, through the services: a dossier that waited for a supplement, one
    # that waited for a fee, one withdrawn while waiting for a supplement, and
    # an open one that paid a fee and now waits for a supplement
    supplemented = _accepted(desk, cast, province, at(3, 2))
    with time_machine.travel(at(3, 3), tick=False):
        request_supplement(actor=cast.specialist, dossier=supplemented, items=["Tờ khai"])
    with time_machine.travel(at(3, 5), tick=False):
        supplemented = receive_supplement(actor=cast.reception, dossier=supplemented)
    _finish(desk, cast, supplemented, at(3, 11, 7, 50))
    paid = _accepted(desk, cast, province, at(3, 2))
    with time_machine.travel(at(3, 2, 9), tick=False):
        request_payment(actor=cast.specialist, dossier=paid, note="Lệ phí 8.000 đồng")
    with time_machine.travel(at(3, 3, 9), tick=False):
        paid = confirm_payment(actor=cast.specialist, dossier=paid)
    _finish(desk, cast, paid, at(3, 4, 10))
    gone = _accepted(desk, cast, province, at(3, 2))
    with time_machine.travel(at(3, 3, 10), tick=False):
        request_supplement(actor=cast.specialist, dossier=gone, items=["Tờ khai"])
    with time_machine.travel(at(3, 9, 9), tick=False):
        withdraw(actor=cast.reception, dossier=gone, reason="Công dân rút hồ sơ")
    still_open = _accepted(desk, cast, province, at(3, 2))
    with time_machine.travel(at(3, 2, 9), tick=False):
        request_payment(actor=cast.specialist, dossier=still_open, note="Lệ phí")
    with time_machine.travel(at(3, 3, 9), tick=False):
        confirm_payment(actor=None, dossier=still_open)
    with time_machine.travel(at(3, 4), tick=False):
        request_supplement(actor=cast.specialist, dossier=still_open, items=["Tờ khai"])
    plain = _accepted(desk, cast, province, at(3, 2))
    _finish(desk, cast, plain, at(3, 3))
    fields = ("pk", "waited_seconds", "processing_seconds")
    expected = sorted(Dossier.objects.values_list(*fields))
    assert [row[1:] for row in expected] == [
        (54000, 134400),
        (27000, 34200),
        (104400, 34200),
        (27000, None),
        (0, 25200 + 1800),
    ]

    # And their columns as they stood before: nothing waited, nothing subtracted
    for dossier in Dossier.objects.all():
        ended = dossier.ended_at
        dossier.waited_seconds = 0
        dossier.processing_seconds = (
            processing_seconds(dossier.received_at, ended) if ended is not None else None
        )
        dossier.save(update_fields=["waited_seconds", "processing_seconds"])

    # When the data migration runs (in batches of two)
    migration = importlib.import_module("egov.onestop.dossiers.migrations.0008_fill_waited_seconds")
    monkeypatch.setattr(migration, "BATCH", 2)
    migration.fill(apps, None)

    # Then every dossier has what the services stored
    assert sorted(Dossier.objects.values_list(*fields)) == expected
