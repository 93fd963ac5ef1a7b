"""The Decision 766 indicator set on a hand-made month, and its scoring rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Channel, Dossier, DossierDocument, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.payments.models import Payment
from egov.onestop.portal.models import Rating
from egov.onestop.procedures.models import Field, OnlineClass, Procedure, ProcedureLevel, Process
from egov.onestop.reports import indicators as module
from egov.onestop.reports.indicators import Indicator, indicator_set, optional_model
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import dossier_statistics
from egov.onestop.reports.tests.conftest import MakeDossier, at
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
    _procedure("2.000001", OnlineClass.FULL, province.long_an)
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
    make(at(3, 5), at(3, 12))  # open, no documents at all
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
    Rating.objects.create(dossier=d1, user=cast.citizen, value="satisfied")
    Rating.objects.create(dossier=d2, user=cast.citizen, value="unsatisfied")


def _set(province: Province, period: Period = MARCH) -> module.IndicatorSet:
    scope = Scope(province.long_an)
    return indicator_set(scope, period, dossier_statistics(scope, period))


def test_indicators_of_a_month(province: Province, month: None) -> None:
    result = _set(province)

    assert [(i.key, i.numerator, i.denominator, i.score) for i in result.indicators] == [
        ("procedures_online", 2, 3, Decimal("5.00")),
        ("dossiers_online", 2, 4, Decimal("8.00")),
        ("payments_online", 1, 4, Decimal("2.50")),
        ("digitised_dossiers", 2, 5, Decimal("5.50")),
        ("digitised_results", 1, 2, Decimal("6.88")),
        # d1 early; d2 late; d3, d4 and d5 open and past their deadline on 31 March.
        ("on_time", 1, 5, Decimal("4.00")),
        # 5 dossiers, 4 late (d2, and d3-d5 open past due), d2 disliked: 0%.
        ("satisfaction", 0, 5, Decimal("0.00")),
    ]
    assert (result.total, result.maximum, result.possible) == (
        Decimal("31.88"),
        Decimal(70),
        Decimal(70),
    )


def test_open_dossiers_within_their_deadline_count_as_on_time(
    province: Province, month: None
) -> None:
    # On 8 March d1 is resolved early; d2-d5 are open, due 10-12 March.
    result = _set(province, Period(date(2026, 3, 1), date(2026, 3, 8)))

    on_time = next(i for i in result.indicators if i.key == "on_time")
    assert (on_time.numerator, on_time.denominator, on_time.score) == (5, 5, Decimal("20.00"))
    # Nobody late yet and nobody disliked a resolved one: above the 90% threshold.
    satisfaction = next(i for i in result.indicators if i.key == "satisfaction")
    assert (satisfaction.numerator, satisfaction.score) == (5, Decimal("6.00"))


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
            when_empty=Decimal("0.00"),
        ).score

    assert (score(89), score(90), score(100)) == (Decimal("5.93"), Decimal("6.00"), Decimal(6))


def test_a_unit_without_dossiers_scores_zero_satisfaction(province: Province, month: None) -> None:
    scope = Scope(province.tan_ninh)
    result = indicator_set(scope, MARCH, dossier_statistics(scope, MARCH))

    satisfaction = next(i for i in result.indicators if i.key == "satisfaction")
    assert (satisfaction.denominator, satisfaction.score) == (0, Decimal("0.00"))
    assert [i.key for i in result.indicators if i.score is None] == [
        "dossiers_online",
        "payments_online",
        "digitised_dossiers",
        "digitised_results",
        "on_time",
    ]


def test_a_month_without_new_dossiers_still_scores_the_open_ones(
    province: Province, month: None
) -> None:
    # In May nothing is received; d3, d4 and d5 are still open and past due.
    result = _set(province, Period(date(2026, 5, 1), date(2026, 5, 31)))

    scored = [(i.key, i.numerator, i.denominator) for i in result.indicators if i.score is not None]
    assert scored == [("procedures_online", 2, 3), ("on_time", 0, 3), ("satisfaction", 0, 3)]
    assert (result.total, result.maximum) == (Decimal("5.00"), Decimal(32))


def test_indicators_take_two_queries(
    province: Province, month: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    scope = Scope(province.long_an)
    stats = dossier_statistics(scope, MARCH)

    with django_assert_num_queries(2):
        indicator_set(scope, MARCH, stats)


def test_missing_payments_and_ratings_say_no_data(
    province: Province, month: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a platform without the payments and portal apps
    monkeypatch.setattr(module, "optional_model", lambda app, name: None)

    result = _set(province)

    unavailable = [i for i in result.indicators if not i.available]
    assert [(i.key, i.value, i.score) for i in unavailable] == [
        ("payments_online", None, None),
        ("satisfaction", None, None),
    ]
    assert (result.total, result.maximum) == (Decimal("29.38"), Decimal(56))


def test_optional_model() -> None:
    assert optional_model("portal", "Rating") is Rating
    assert optional_model("portal", "NoSuchModel") is None


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
