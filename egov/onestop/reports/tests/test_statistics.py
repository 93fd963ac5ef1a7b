"""The counting rules of Decision 766/QĐ-TTg, each on a hand-made case of its own."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import time_machine
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus, Handover, ReturnMethod
from egov.onestop.dossiers.printing.register import dossier_register, register_dossiers
from egov.onestop.dossiers.services import (
    move_on,
    receive_supplement,
    record_result,
    request_supplement,
    return_result,
)
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.procedures.models import Field
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import (
    Counts,
    DossierStatistics,
    dossier_statistics,
    monthly_trend,
)
from egov.onestop.reports.tests.conftest import MakeDossier, at
from egov.platform.workcalendar.deadlines import WorkingCalendar

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def _stats(province: Province, period: Period = MARCH) -> DossierStatistics:
    return dossier_statistics(Scope(province.long_an), period)


def _at_specialist(desk: Desk, cast: Cast, province: Province, accepted: datetime) -> Dossier:
    with time_machine.travel(accepted, tick=False):
        dossier = receive(desk, cast, province)
        dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    return dossier


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


def _supplement(cast: Cast, dossier: Dossier, asked: datetime, brought: datetime) -> Dossier:
    with time_machine.travel(asked, tick=False):
        dossier = request_supplement(actor=cast.specialist, dossier=dossier, items=["Tờ khai"])
    with time_machine.travel(brought, tick=False):
        return receive_supplement(actor=cast.reception, dossier=dossier)


# The rules, one case each -----------------------------------------------------


def test_supplement_time_is_subtracted(desk: Desk, cast: Cast, province: Province) -> None:
    # Given a 5-day dossier accepted Mon 2 Mar 08:00 (deadline Mon 9 Mar 08:00)
    # that waited two working days for the citizen (Tue 3 → Thu 5 Mar)
    dossier = _at_specialist(desk, cast, province, at(3, 2))
    dossier = _supplement(cast, dossier, at(3, 3), at(3, 5))
    # When it is finished Wed 11 Mar 07:50, late by the unmoved deadline
    dossier = _finish(desk, cast, dossier, at(3, 11, 7, 50))

    # Then it counts on time: the deadline moved to Wed 11 Mar 08:00
    stats = _stats(province)
    assert dossier.deadline_at == at(3, 11)
    assert (stats.resolved, stats.early, stats.on_time, stats.late) == (1, 0, 1, 0)
    assert stats.supplement_requested == 1
    assert stats.on_time_rate == 1.0


def test_more_than_one_supplement_is_late(desk: Desk, cast: Cast, province: Province) -> None:
    # Given a dossier supplemented twice, each time the same morning
    dossier = _at_specialist(desk, cast, province, at(3, 2))
    dossier = _supplement(cast, dossier, at(3, 3, 8), at(3, 3, 9))
    dossier = _supplement(cast, dossier, at(3, 4, 8), at(3, 4, 9))
    # When it is finished on Thu 5 Mar, days before its deadline
    _finish(desk, cast, dossier, at(3, 5))

    # Then it counts late
    stats = _stats(province)
    assert (stats.resolved, stats.early, stats.on_time, stats.late) == (1, 0, 0, 1)
    assert stats.on_time_rate == 0.0


def test_finished_wins_over_returned(desk: Desk, cast: Cast, province: Province) -> None:
    # Given a dossier finished on its deadline day, Mon 9 Mar 07:45
    dossier = _finish(desk, cast, _at_specialist(desk, cast, province, at(3, 2)), at(3, 9, 7, 45))
    # When the citizen collects it only on Fri 13 Mar, after the deadline
    with time_machine.travel(at(3, 13, 10), tick=False):
        return_result(
            actor=cast.reception, dossier=dossier, method=ReturnMethod.DESK, collected_by="An"
        )

    # Then the finish is its end: on time, and returned within March
    stats = _stats(province)
    assert (stats.resolved, stats.on_time, stats.late, stats.returned) == (1, 1, 0, 1)
    assert Dossier.objects.get(pk=dossier.pk).ended_at == at(3, 9, 7, 45)


def test_first_end_event_counts_once(province: Province, make: MakeDossier) -> None:
    # Given a dossier finished in March and returned in April
    make(at(3, 2), at(3, 9), at(3, 6), status=DossierStatus.RETURNED, returned_at=at(4, 2))

    # Then March resolves it (finished, not yet returned at its end) and April
    # neither carries it over nor resolves it again
    march, april = _stats(province), _stats(province, Period(date(2026, 4, 1), date(2026, 4, 30)))
    assert (march.resolved, march.early, march.finished, march.returned) == (1, 1, 1, 0)
    assert (april.received, april.resolved, april.returned) == (0, 0, 0)


def test_open_dossiers_are_judged_at_the_period_end(province: Province, make: MakeDossier) -> None:
    # Given a dossier received 2 Mar, due 20 Mar, that ended only on 6 Apr
    make(at(3, 2), at(3, 20), at(4, 6))

    # Then at the end of 1-15 Mar it was open within its deadline, and at the
    # end of March open past it, whatever it became later
    first_half = _stats(province, Period(date(2026, 3, 1), date(2026, 3, 15)))
    assert (first_half.open_within, first_half.open_past, first_half.resolved) == (1, 0, 0)
    assert (_stats(province).open_within, _stats(province).open_past) == (0, 1)


def test_open_dossier_due_exactly_at_the_period_end_is_within(
    province: Province, make: MakeDossier
) -> None:
    make(at(3, 25), datetime(2026, 4, 1, 0, 0, tzinfo=at(3, 1).tzinfo))

    assert (_stats(province).open_within, _stats(province).open_past) == (1, 0)


# A whole month, by hand ---------------------------------------------------------


def _march(province: Province, make: MakeDossier) -> None:
    make(at(2, 20), at(2, 27), at(2, 26))  # ended before March: not counted
    make(at(2, 24), at(3, 3), at(3, 2, 10))  # carried over, early
    make(at(2, 25), at(3, 4))  # carried over, still open, past its deadline
    make(at(3, 2), at(3, 9), at(3, 9, 7, 59))  # on time (the deadline's day)
    make(at(3, 3), at(3, 10), at(3, 12), channel=Channel.ONLINE)  # late
    make(at(3, 30), at(4, 6), channel=Channel.POSTAL)  # open, within its deadline
    make(at(3, 5), at(3, 12), at(3, 6), status=DossierStatus.WITHDRAWN, channel=Channel.ONLINE)
    make(at(3, 5), at(3, 12), at(3, 10), status=DossierStatus.STOPPED)
    make(at(3, 6), at(3, 13), at(3, 9), status=DossierStatus.RETURNED, returned_at=at(3, 10))
    make(at(3, 6), at(3, 13), at(3, 11), status=DossierStatus.RETURNED, returned_at=at(4, 2))
    make(None, status=DossierStatus.NOT_ACCEPTED, ended_at=at(3, 7))  # refused at reception
    make(at(4, 1), at(4, 8))  # April: not counted
    make(at(3, 9), at(3, 20), supplements=1)  # open past its deadline, supplemented
    refused = make(at(3, 10), at(3, 17), at(3, 12), status=DossierStatus.STOPPED)
    Handover.objects.create(dossier=refused, action="refuse", at=at(3, 12))
    make(at(3, 10), at(3, 17), receiving_unit=province.centre, agency=province.tan_ninh)


def test_a_month_by_hand(province: Province, make: MakeDossier) -> None:
    _march(province, make)

    stats = _stats(province)

    assert stats.counts() == Counts(
        carried_over=2,
        new=9,
        new_direct=6,
        new_online=2,
        new_postal=1,
        resolved=8,
        early=6,
        on_time=1,
        late=1,
        open_within=1,
        open_past=2,
        supplement_requested=1,
        refused_in_processing=1,
        not_accepted=1,
        withdrawn=1,
        stopped=1,
        finished=4,
        returned=1,
    )
    assert stats.received == stats.resolved + stats.in_progress == 11
    assert stats.refused == 2
    assert stats.on_time_rate == 7 / 8


def test_province_includes_every_commune_and_a_unit_alone_only_itself(
    province: Province, make: MakeDossier
) -> None:
    _march(province, make)

    whole = dossier_statistics(Scope(province.province), MARCH)
    tan_ninh = dossier_statistics(Scope(province.tan_ninh), MARCH)
    centre_alone = dossier_statistics(Scope(province.long_an, include_subunits=False), MARCH)

    assert (whole.received, whole.new, tan_ninh.received, tan_ninh.open_past) == (12, 10, 1, 1)
    # Phường Long An decides every one of its dossiers itself.
    assert centre_alone.received == 11


def test_agrees_with_the_register_form_07(province: Province, make: MakeDossier) -> None:
    # Given the hand-made data and a period holding every receipt and end
    _march(province, make)
    period = Period(date(2026, 2, 1), date(2026, 3, 31))

    stats = dossier_statistics(Scope(province.long_an), period)
    register = dossier_register(province.long_an, period.first, period.last).context

    # Then the register's rows are the statistics' dossiers, and the totals agree
    codes = {d.code for d in register_dossiers(province.long_an, period.first, period.last)}
    counted = Dossier.objects.filter(
        code__in=codes, received_at__gte=period.start, received_at__lt=period.stop
    )
    assert (stats.carried_over, stats.new, register["total"], counted.count()) == (0, 12, 12, 12)
    assert (
        (register["early"], register["on_time"], register["late"])
        == (
            stats.early,
            stats.on_time,
            stats.late,
        )
        == (7, 1, 1)
    )
    assert register["open"] == stats.in_progress == 3


# Average processing time ------------------------------------------------------------


def test_average_processing_days(province: Province, make: MakeDossier) -> None:
    # Mon 2 Mar 08:00 → Wed 4 Mar 08:00: two working days (15 office hours).
    a = make(at(3, 2), at(3, 9), at(3, 4))
    # Fri 6 Mar 16:00 → Mon 9 Mar 09:30: 1 h on Friday + 2 h on Monday.
    b = make(at(3, 6, 16), at(3, 13), at(3, 9, 9, 30))

    stats = _stats(province)

    assert stats.average_days == Decimal("1.2")
    calendar = WorkingCalendar.load()
    seconds = [calendar.working_seconds(d.received_at, d.ended_at) for d in (a, b)]  # type: ignore[arg-type]
    assert seconds == [54000, 10800]


def test_average_over_a_weekend_holiday_and_outside_office_hours(
    province: Province, make: MakeDossier
) -> None:
    # Received Wed 29 Apr 2026 18:00 (after hours); 30 Apr and 1 May are
    # holidays; ended Mon 4 May 2026 12:00 (lunch): 4 office hours.
    make(at(4, 29, 18), at(5, 8), at(5, 4, 12))

    stats = _stats(province, Period(date(2026, 5, 1), date(2026, 5, 31)))

    assert stats.average_days == Decimal("0.5")


def test_nothing_resolved_has_no_average_or_rate(province: Province) -> None:
    stats = _stats(province)

    assert (stats.resolved, stats.average_days, stats.on_time_rate) == (0, None, None)


def test_statistics_take_one_query_once_the_subtree_is_known(
    province: Province, make: MakeDossier, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    _march(province, make)
    calendar = WorkingCalendar.load()
    scope = Scope(province.province)

    # The subtree's unit ids, then the counts and the average together
    with django_assert_num_queries(2):
        dossier_statistics(scope, MARCH)
    with django_assert_num_queries(1):
        dossier_statistics(scope, MARCH, calendar)
    with django_assert_num_queries(1):
        dossier_statistics(Scope(province.long_an, include_subunits=False), MARCH)


# Trend ------------------------------------------------------------------------------


def test_monthly_trend(province: Province, make: MakeDossier) -> None:
    _march(province, make)

    rows = monthly_trend(Scope(province.long_an), Period(date(2026, 2, 1), date(2026, 4, 30)))

    got = [(r.month, r.new, r.new_online, r.resolved, r.early, r.on_time, r.late) for r in rows]
    assert got == [
        (date(2026, 2, 1), 3, 0, 1, 1, 0, 0),
        (date(2026, 3, 1), 9, 2, 8, 6, 1, 1),
        (date(2026, 4, 1), 1, 0, 0, 0, 0, 0),
    ]


def test_procedure_and_field_filters(province: Province, desk: Desk, make: MakeDossier) -> None:
    _march(province, make)
    other = Field.objects.create(name="Chứng thực")

    by_field = dossier_statistics(Scope(province.long_an, field=desk.procedure.field), MARCH)
    by_procedure = dossier_statistics(Scope(province.long_an, procedure=desk.procedure), MARCH)
    elsewhere = dossier_statistics(Scope(province.long_an, field=other), MARCH)

    assert (by_field.received, by_procedure.received, elsewhere.received) == (11, 11, 0)
