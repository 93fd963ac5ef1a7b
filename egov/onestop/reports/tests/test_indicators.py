"""The Decision 766 indicator set on a hand-made month, and its scoring rule."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import transaction
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Channel, Dossier, DossierDocument, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.payments.models import Payment
from egov.onestop.portal.models import Rating
from egov.onestop.portalsync.models import OutboxEvent
from egov.onestop.procedures.models import Field, OnlineClass, Procedure, ProcedureLevel, Process
from egov.onestop.reports.indicators.definition import definition_for
from egov.onestop.reports.indicators.formulas import FORMULAS
from egov.onestop.reports.indicators.rolled import computed, from_dossiers
from egov.onestop.reports.indicators.scoring import Indicator, IndicatorSet
from egov.onestop.reports.indicators.selectors import indicator_dossiers, indicator_set
from egov.onestop.reports.rollups.maintain import sync
from egov.onestop.reports.rollups.rebuild import differences
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.tests.conftest import MakeDossier, at
from egov.platform.core.events import publish
from egov.platform.organisation import indicators as provided
from egov.platform.organisation.models import Unit

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def _procedure(code: str, online: OnlineClass, agency: Unit, *, active: bool = True) -> Procedure:
    procedure = Procedure.objects.create(
        code=code,
        name=f"Thủ tục {code}",
        level=ProcedureLevel.COMMUNE,
        implementing_agency="UBND cấp xã",
        processing_days=Decimal("3"),
        result_type="Giấy xác nhận",
        online_class=online,
        field=Field.objects.get_or_create(name="Chứng thực")[0],
    )
    Process.objects.create(procedure=procedure, agency=agency, name=code, is_active=active)
    return procedure


def _scan(dossier: Dossier, document: object | None, scanned: bool) -> None:
    DossierDocument.objects.create(
        dossier=dossier,
        procedure_document=document,  # type: ignore[misc]
        name="Giấy tờ",
        received=True,
        scan="scans/2026/03/a.pdf" if scanned else "",
    )


@pytest.fixture
def month(province: Province, cast: Cast, desk: Desk, make: MakeDossier) -> None:
    Procedure.objects.filter(pk=desk.procedure.pk).update(
        online_class=OnlineClass.PARTIAL, charge_vnd=8000
    )
    full = _procedure("2.000001", OnlineClass.FULL, province.long_an)
    other = _procedure("2.000002", OnlineClass.NONE, province.long_an)
    _procedure("2.000003", OnlineClass.NONE, province.long_an, active=False)
    _procedure("2.000004", OnlineClass.FULL, province.tan_ninh)
    required = desk.documents[:2]
    # Returned early, fully scanned, result file, paid online, rated satisfied.
    d1 = make(
        at(3, 2),
        at(3, 9),
        at(3, 5),
        status=DossierStatus.RETURNED,
        returned_at=at(3, 6),
        channel=Channel.ONLINE,
        result_file="results/2026/03/kq.pdf",
    )
    for document in required:
        _scan(d1, document, True)
    # Finished late, one required scan missing, no result file, unhappy.
    d2 = make(at(3, 3), at(3, 10), at(3, 12), channel=Channel.ONLINE)
    _scan(d2, required[0], True)
    _scan(d2, required[1], False)
    # Open; only the optional document scanned.
    d3 = make(at(3, 4), at(3, 11))
    for document in required:
        _scan(d3, document, False)
    _scan(d3, desk.documents[2], True)
    # Open, no documents at all; fully online.
    make(at(3, 5), at(3, 12), procedure=full, process=None, channel=Channel.ONLINE)
    # A procedure not offered online, no fee, its only document scanned.
    d5 = make(at(3, 6), at(3, 11), procedure=other, process=None)
    _scan(d5, None, True)
    for dossier, status in ((d1, "paid"), (d2, "pending")):
        Payment.objects.create(
            dossier=dossier,
            purpose="fee",
            amount_vnd=8000,
            gateway="sandbox",
            txn_ref=f"T{dossier.pk}",
            status=status,
            payer=cast.citizen,
        )
    # Open, fully online procedure but applied at the desk.
    make(at(3, 7), at(3, 20), procedure=full, process=None)
    Rating.objects.create(dossier=d1, user=cast.citizen, value="satisfied")
    disliked = Rating.objects.create(dossier=d2, user=cast.citizen, value="unsatisfied")
    Rating.objects.filter(pk=disliked.pk).update(created_at=at(3, 13))
    # Synchronised: d1 within the hour, d2 after two days, d3 never sent.
    for dossier, queued, sent in (
        (d1, at(3, 2), at(3, 2, 9)),
        (d2, at(3, 3), at(3, 5)),
        (d3, at(3, 4), None),
    ):
        OutboxEvent.objects.create(
            dossier=dossier,
            sequence=1,
            event="received",
            idempotency_key=f"{dossier.pk}:1",
            payload={},
            created_at=queued,
            sent_at=sent,
            status="sent" if sent else "pending",
        )
    # The scans, payments and ratings above were written straight into their
    # tables: the rollups are brought in step as those services do.
    for dossier in Dossier.objects.order_by("pk"):
        sync(dossier)


def _set(province: Province, period: Period = MARCH) -> IndicatorSet:
    return indicator_set(Scope(province.long_an), period)


def _scores(result: IndicatorSet) -> list[tuple[str, int, int, Decimal | None]]:
    return [(i.key, i.numerator, i.denominator, i.score) for i in result.indicators]


def test_indicators_of_a_month(province: Province, month: None) -> None:
    result = _set(province)

    # Six dossiers received or processed: d1 early, d2 late, d3-d6 open and
    # past their deadline on 31 March.
    assert _scores(result) == [
        ("procedures_published_on_time", 0, 0, None),
        ("procedures_updated_on_time", 0, 0, None),
        ("published_content_complete", 0, 0, None),
        # d1 synchronised within 24 hours; d2 late; d3 unsent; the others never.
        ("dossiers_synchronised", 1, 6, Decimal("1.00")),
        ("on_time", 1, 6, Decimal("3.33")),
        # d4 online of d4, d6: 50% is the threshold, full points.
        ("fully_online", 1, 2, Decimal("12.00")),
        # Fee-bearing: d1-d3; paid: d1.
        ("paid_online", 1, 3, Decimal("4.17")),
        ("electronic_results", 1, 2, Decimal("3.75")),
        # Every received document scanned: d1 and d5.
        ("digitised_components", 2, 6, Decimal("1.67")),
        ("certified_copies", 0, 0, None),
        ("replaced_by_data", 0, 0, None),
        ("personal_store_link", 0, 0, None),
        ("population_data_identity", 0, 0, None),
        ("population_data_reuse", 0, 0, None),
        # No feedback in the period: full points.
        ("feedback_on_time", 0, 0, Decimal(6)),
        ("feedback_satisfaction", 0, 0, Decimal(6)),
        # 6 dossiers, 5 late (d2, d3-d6), d2 disliked: 100% − 83% − 17%.
        ("satisfaction", 0, 6, Decimal("0.00")),
    ]
    entered = [i.key for i in result.indicators if not i.available]
    assert len(entered) == 8
    assert (result.total, result.maximum, result.possible) == (
        Decimal("37.92"),
        Decimal(76),
        Decimal(100),
    )
    assert (result.version, result.verified) == ("766-2026", False)


def test_open_dossiers_within_their_deadline_count_as_on_time(
    province: Province, month: None
) -> None:
    # On 8 March d1 is resolved early; d2-d6 are open, due 10-20 March;
    # d2's dislike came on 13 March.
    result = _set(province, Period(date(2026, 3, 1), date(2026, 3, 8)))

    on_time, satisfaction = result.get("on_time"), result.get("satisfaction")
    assert (on_time.numerator, on_time.denominator, on_time.score) == (6, 6, Decimal("20.00"))
    assert (satisfaction.numerator, satisfaction.score) == (6, Decimal("6.00"))
    # d3's row unsent for more than 24 hours by the period's end.
    synced = result.get("dossiers_synchronised")
    assert (synced.numerator, synced.denominator) == (1, 6)


def test_a_dossier_with_a_complaint_is_subtracted_from_satisfaction(
    province: Province, month: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On 8 March d2-d6 are open within their deadline: 6 of 6 satisfied,
    # until feedback names d3 (by its code) before the period's end.
    period = Period(date(2026, 3, 1), date(2026, 3, 8))
    d3 = Dossier.objects.get(received_at=at(3, 4))
    asked = []

    def complaints(*, before: datetime) -> set[str]:
        asked.append(before)
        return {str(d3.code), "999.99.99.H99-260301-0001"}  # another province's dossier too

    def first(*, codes: Collection[str] | None = None) -> dict[str, datetime]:
        found = {str(d3.code): at(3, 5), "999.99.99.H99-260301-0001": at(3, 1)}
        return {c: t for c, t in found.items() if codes is None or c in codes}

    monkeypatch.setattr(provided, "_complaint_sources", {"test": complaints})
    monkeypatch.setattr(provided, "_first_complaint_sources", {"test": first})
    # The source tells the rollups in its transaction, as voice does.
    with transaction.atomic():
        publish(provided.ComplaintsChanged(codes=frozenset({str(d3.code)})))

    satisfaction = _set(province, period).get("satisfaction")
    disliked = indicator_dossiers(Scope(province.long_an), period, "satisfaction", "khong-hai-long")

    # 100% − 0% late − 1/6 with a complaint = 83.3%, below the 90% threshold.
    assert (satisfaction.numerator, satisfaction.denominator) == (5, 6)
    assert satisfaction.score == Decimal("5.56")
    assert asked == [period.stop]  # the list (the figure reads the rollups)
    assert disliked is not None and [d.code for d in disliked] == [d3.code]


def test_a_paper_result_needs_its_electronic_result_for_a_digitised_dossier(
    province: Province, month: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # d1 is fully scanned and returned, but its result file is gone; d5 is
    # fully scanned and still open (no result issued yet).
    d1 = Dossier.objects.get(result_file="results/2026/03/kq.pdf")
    Dossier.objects.filter(pk=d1.pk).update(result_file="")
    d1.refresh_from_db()
    sync(d1)

    digitised = _set(province).get("digitised_components")
    assert (digitised.numerator, digitised.denominator) == (1, 6)

    # Without the (unverified) rule in the definition, the scans alone count.
    spec = next(
        s for _g, s in definition_for(MARCH.last).indicators if s.key == "digitised_components"
    )
    monkeypatch.setitem(spec.params, "paper_result_needs_electronic", False)
    digitised = _set(province).get("digitised_components")
    assert (digitised.numerator, digitised.denominator) == (2, 6)


def test_satisfaction_just_below_and_at_its_threshold() -> None:
    def score(n: int) -> Decimal | None:
        return Indicator(
            key="satisfaction",
            group="g",
            name="n",
            numerator=n,
            denominator=100,
            target=Decimal("0.9"),
            points=Decimal(6),
            when_empty="zero",
        ).score

    assert (score(89), score(90), score(100)) == (Decimal("5.93"), Decimal("6.00"), Decimal(6))


def test_a_unit_without_dossiers_scores_zero_satisfaction_and_full_feedback(
    province: Province, month: None
) -> None:
    result = indicator_set(Scope(province.tan_ninh), MARCH)

    scored = [(i.key, i.denominator, i.score) for i in result.indicators if i.score is not None]
    assert scored == [
        ("feedback_on_time", 0, Decimal(6)),
        ("feedback_satisfaction", 0, Decimal(6)),
        ("satisfaction", 0, Decimal("0.00")),
    ]
    assert (result.total, result.maximum) == (Decimal("12.00"), Decimal(18))


def test_a_month_without_new_dossiers_still_scores_the_open_ones(
    province: Province, month: None
) -> None:
    # In May nothing is received; d3-d6 are still open and past due.
    result = _set(province, Period(date(2026, 5, 1), date(2026, 5, 31)))

    scored = [(i.key, i.numerator, i.denominator) for i in result.indicators if i.denominator]
    assert scored == [
        ("dossiers_synchronised", 0, 4),
        ("on_time", 0, 4),
        ("satisfaction", 0, 4),
    ]
    assert (result.total, result.maximum) == (Decimal("12.00"), Decimal(44))


def test_indicators_read_the_rollups_and_one_aggregate_of_the_dossiers(
    province: Province, month: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    scope = Scope(province.long_an)
    scope.subtree_ids  # noqa: B018 - read once per scope, as the dashboard does

    # The monthly counters (March is a whole month: no daily rows read; they
    # hold the payments, scans, ratings and complaints too), the dossiers
    # open at its end, the dossiers late by an unsent synchronisation row,
    # the entered figures, and voice's two figures.
    with django_assert_num_queries(6):
        indicator_set(scope, MARCH)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 3, 4), date(2026, 3, 12)),
        (date(2026, 2, 15), date(2026, 4, 20)),
        (date(2026, 5, 1), date(2026, 5, 31)),
        (date(2025, 1, 1), date(2026, 12, 31)),
    ],
)
def test_the_rollups_give_the_counts_of_the_formulas_over_the_dossiers(
    province: Province, month: None, first: date, last: date
) -> None:
    # Given the month's dossiers, when each part of every computed indicator
    # is counted from the rollups (rolled.computed) and by the formulas'
    # conditions over the dossiers, then the counts are the same.
    # The rollups the services kept equal their recomputation in SQL.
    assert differences() == []
    _compare(province, Period(first, last), at(6, 1))


def _compare(province: Province, period: Period, now: datetime) -> None:
    specs = [s for _g, s in definition_for(period.last).indicators if s.formula in FORMULAS]
    for unit in (province.long_an, province.tan_ninh, province.province):
        scope = Scope(unit)
        expected = from_dossiers(scope, period, now, specs)
        got = computed(scope, period, now, specs)
        for spec in specs:
            wanted = expected[spec.key]
            have = {p: got[spec.key].get(p, 0) for p in wanted}
            assert (spec.key, have) == (spec.key, wanted)


def _queue(dossier: Dossier, sequence: int, queued: datetime, sent: datetime | None) -> None:
    OutboxEvent.objects.create(
        dossier=dossier,
        sequence=sequence,
        event="forward",
        idempotency_key=f"{dossier.pk}:{sequence}",
        payload={},
        created_at=queued,
        sent_at=sent,
        status="sent" if sent else "pending",
    )


@pytest.fixture
def more_syncs(month: None) -> None:
    """Beyond the month's first rows: d1 sent a second row late (queued 20
    March, sent two days later), d4 one queued on 25 March and sent on 3 April
    (unsent at March's end, late), d5 one queued late on 30 March and sent
    the next morning (in time), d6 one queued on 31 March, never sent (not
    yet overdue at March's end)."""
    d1, _d2, _d3, d4, d5, d6 = Dossier.objects.order_by("pk")
    _queue(d1, 2, at(3, 20), at(3, 22, 9))
    _queue(d4, 1, at(3, 25), at(4, 3))
    _queue(d5, 1, at(3, 30, 23), at(3, 31, 10))
    _queue(d6, 1, at(3, 31, 9), None)
    for dossier in (d1, d4, d5, d6):
        with transaction.atomic():
            sync(dossier)


@pytest.mark.parametrize(
    ("first", "last", "now"),
    [
        (date(2026, 3, 1), date(2026, 3, 31), at(6, 1)),
        (date(2026, 3, 4), date(2026, 3, 21), at(6, 1)),
        (date(2026, 3, 21), date(2026, 4, 2), at(6, 1)),
        (date(2026, 3, 26), date(2026, 4, 20), at(6, 1)),
        (date(2026, 2, 15), date(2026, 4, 20), at(6, 1)),
        # The current period: the unsent rows are judged at `now`.
        (date(2026, 3, 1), date(2026, 3, 31), at(3, 26, 9)),
        (date(2026, 3, 1), date(2026, 4, 30), at(4, 1, 10)),
    ],
)
def test_the_rollups_count_synchronisation_sent_in_time_late_and_unsent(
    province: Province, more_syncs: None, first: date, last: date, now: datetime
) -> None:
    # Given rows sent in time, late, unsent at a period's end and sent after
    # it, never sent: the synchronised counts from the rollups are those of
    # the formula over the dossiers, for every scope.
    assert differences() == []
    _compare(province, Period(first, last), now)


def test_the_synchronised_figures_of_march_with_more_rows(
    province: Province, more_syncs: None
) -> None:
    # March: d1's second row was late, d4's row unsent on 31 March more than
    # 24 hours after it was queued, d2 late, d3 unsent; d5 in time and d6's
    # row, unsent, not yet overdue at the month's end: 2 of 6.
    # 1-20 April (d3-d6 open): d3's and d6's rows unsent and overdue; d4's
    # sent on 3 April (queued before the period: not late in it), d5: 2 of 4.
    scope = Scope(province.long_an)
    march = indicator_set(scope, MARCH, now=at(6, 1)).get("dossiers_synchronised")
    april = indicator_set(scope, Period(date(2026, 4, 1), date(2026, 4, 20)), now=at(6, 1)).get(
        "dossiers_synchronised"
    )
    assert (march.numerator, march.denominator) == (2, 6)
    assert (april.numerator, april.denominator) == (2, 4)


def test_without_a_feedback_provider_the_indicators_say_no_data(
    province: Province, month: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a platform where nothing supplies the feedback figures
    monkeypatch.setattr(provided, "_providers", {})

    result = _set(province)

    feedback = [i for i in result.indicators if i.key.startswith("feedback_")]
    assert [(i.available, i.value, i.score, i.source) for i in feedback] == [
        (False, None, None, "provided"),
        (False, None, None, "provided"),
    ]
    assert (result.total, result.maximum) == (Decimal("25.92"), Decimal(64))


def test_a_provider_supplies_the_feedback_figures(
    province: Province, month: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []

    def fake(*, unit: Unit, first: date, last: date) -> provided.Figure:
        asked.append((unit.pk, first, last))
        return provided.Figure(17, 20)

    monkeypatch.setattr(provided, "_providers", {})
    provided.register("feedback_on_time", fake)

    result = _set(province)

    on_time = result.get("feedback_on_time")
    assert (on_time.numerator, on_time.denominator, on_time.score) == (17, 20, Decimal("5.10"))
    assert asked == [(province.long_an.pk, MARCH.first, MARCH.last)]


@pytest.mark.parametrize(
    ("numerator", "denominator", "score"),
    [(0, 10, "0.00"), (4, 10, "5.00"), (8, 10, "10.00"), (10, 10, "10.00"), (1, 3, "4.17")],
)
def test_score_is_linear_up_to_the_threshold(numerator: int, denominator: int, score: str) -> None:
    indicator = Indicator(
        key="x",
        group="g",
        name="n",
        numerator=numerator,
        denominator=denominator,
        target=Decimal("0.8"),
        points=Decimal(10),
    )

    assert indicator.score == Decimal(score)
