"""The rollups' side facts (payments, scans, ratings, complaints) against the recomputation.

A property test, as test_rollups.py's: random actions through the real
services (fixed seeds, stdlib `random`), the dossier moves and the changes
made in other tables: a fee paid online, an amount asked and paid online
(or the payment cancelled), a scan attached, a rating, a complaint received
or refused; and the national portal's answers: before each action the
synchronisation rows due are sent through the real outbox (the dossiers
made third, sixth... are never answered), so rows are sent in time,
late, or stay unsent at the periods' ends. After each one the counters
equal their recomputation in SQL (`egov stats verify`) and the indicator
set's counts from the rollups equal the formulas counted over the dossiers.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Collection
from contextlib import nullcontext
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus
from egov.onestop.dossiers.services import attach_scan
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.payments.conftest import bank_params
from egov.onestop.payments.models import Payment, PaymentStatus
from egov.onestop.payments.services import handle_ipn, start_payment
from egov.onestop.portal.models import Rating
from egov.onestop.portal.services import rate_dossier
from egov.onestop.portalsync.models import OutboxEvent, PortalService
from egov.onestop.portalsync.sender import SYNC
from egov.onestop.procedures.models import Procedure
from egov.onestop.reports.indicators.definition import definition_for
from egov.onestop.reports.indicators.formulas import FORMULAS
from egov.onestop.reports.indicators.rolled import computed, from_dossiers
from egov.onestop.reports.models import DailyCount, DossierFact
from egov.onestop.reports.rollups.rebuild import differences, rebuild
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.tests.conftest import at
from egov.onestop.reports.tests.test_rollups import OPEN, START, _actions, _fitting
from egov.platform.core.errors import DomainError
from egov.platform.core.events import publish
from egov.platform.organisation import indicators as provided
from egov.platform.outbox.drain import drain
from egov.platform.signatures.tests.documents import plain_pdf

PERIODS = (
    Period(date(2026, 2, 1), date(2026, 2, 28)),
    Period(date(2026, 2, 9), date(2026, 3, 6)),
    Period(date(2026, 1, 1), date(2026, 12, 31)),
)

Action = Callable[[Dossier], object]


class Complaints:
    """A complaint source as voice is one (platform.organisation.indicators)."""

    def __init__(self) -> None:
        self.received: dict[str, datetime] = {}

    def codes_before(self, *, before: datetime) -> set[str]:
        return {code for code, moment in self.received.items() if moment < before}

    def first(self, *, codes: Collection[str] | None = None) -> dict[str, datetime]:
        return {c: t for c, t in self.received.items() if codes is None or c in codes}

    def change(self, code: str, received: bool) -> None:
        # Received now (the first counts), or refused at classification.
        if received:
            self.received.setdefault(code, timezone.now())
        elif self.received.pop(code, None) is None:
            raise DomainError("test", "no complaint to refuse")
        with transaction.atomic():
            publish(provided.ComplaintsChanged(codes=frozenset({code})))


def portal_answers(dossiers: list[int]) -> int:
    """The national portal answers the due synchronisation rows of the dossiers
    (the first unsent one of each, as the sender goes) but every third dossier
    made (by its place in the run, not its id: ids on PostgreSQL depend on the
    tests run before); through the real outbox, a receiver that accepts all."""
    answering = replace(SYNC, connect=lambda: nullcontext(lambda _row: None))
    due = list(
        OutboxEvent.objects.filter(
            dossier_id__in=[pk for place, pk in enumerate(dossiers, 1) if place % 3],
            sent_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    return drain(answering, limit=1000, only=due).sent if due else 0


def sync_tally() -> tuple[int, int, int]:
    """The dossier synchronisation rows sent within 24 hours, sent later, unsent."""
    rows = OutboxEvent.objects.filter(service=PortalService.DOSSIER)
    sent = [
        (queued, done)
        for queued, done in rows.values_list("created_at", "sent_at")
        if done is not None
    ]
    late = len([1 for queued, done in sent if done - queued > timedelta(hours=24)])
    return len(sent) - late, late, rows.filter(sent_at__isnull=True).count()


def _assert_exact(province: Province, *, every_scope: bool = True) -> None:
    assert differences() == []
    now = timezone.now()
    units = (province.province, province.long_an) if every_scope else (province.province,)
    for period in PERIODS if every_scope else PERIODS[1:]:
        specs = [s for _g, s in definition_for(period.last).indicators if s.formula in FORMULAS]
        for unit in units:
            scope = Scope(unit)
            expected = from_dossiers(scope, period, now, specs)
            got = computed(scope, period, now, specs)
            for spec in specs:
                have = {p: got[spec.key].get(p, 0) for p in expected[spec.key]}
                assert (spec.key, have) == (spec.key, expected[spec.key])


def _side_actions(cast: Cast, complaints: Complaints) -> dict[str, Action]:
    def pay(purpose: str, result: str) -> Action:
        def act(dossier: Dossier) -> None:
            payment, _url = start_payment(actor=cast.citizen, dossier=dossier, purpose=purpose)
            handle_ipn(bank_params(payment, vnp_ResponseCode=result), "127.0.0.1")

        return act

    def scan(dossier: Dossier) -> None:
        document = dossier.documents.filter(received=True, scan="").order_by("pk").first()
        if document is None:
            raise DomainError("test", "nothing to scan")
        upload = SimpleUploadedFile("giay-to.pdf", plain_pdf(), "application/pdf")
        attach_scan(actor=cast.reception, dossier=dossier, document=document, upload=upload)

    return {
        "pay fee online": pay("fee", "00"),
        "pay amount online": pay("obligation", "00"),
        "cancel amount online": pay("obligation", "24"),
        "scan": scan,
        "rate unsatisfied": lambda d: rate_dossier(
            actor=cast.citizen, dossier=d, value="unsatisfied"
        ),
        "rate satisfied": lambda d: rate_dossier(actor=cast.citizen, dossier=d, value="satisfied"),
        "complain": lambda d: complaints.change(str(d.code), True),
        "refuse complaint": lambda d: complaints.change(str(d.code), False),
    }


SIDE_FITTING: dict[int, list[str]] = {
    DossierStatus.FINANCIAL: ["pay amount online", "cancel amount online"] * 3,
    DossierStatus.RETURNED: ["rate unsatisfied", "rate satisfied"] * 2 + ["complain"],
    DossierStatus.PROCESSING: ["pay fee online", "scan", "complain", "complain"],
}


@pytest.mark.parametrize("seed", [22, 2026])
def test_random_side_changes_keep_the_indicator_rollups_exact(
    seed: int,
    desk: Desk,
    cast: Cast,
    province: Province,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.PAYMENT_GATEWAY = "sandbox"
    settings.PUBLIC_URL = "http://testserver"
    Procedure.objects.filter(pk=desk.procedure.pk).update(fee_vnd=5000)
    complaints = Complaints()
    monkeypatch.setattr(provided, "_complaint_sources", {"test": complaints.codes_before})
    monkeypatch.setattr(provided, "_first_complaint_sources", {"test": complaints.first})
    rng = random.Random(seed)
    moves = _actions(desk, cast)
    sides = _side_actions(cast, complaints)
    every = {**moves, **sides}
    clock = START
    dossiers: list[int] = []
    applied: dict[str, int] = {}
    for _step in range(70):
        clock += timedelta(hours=rng.choice([1, 3, 7, 20, 26, 50, 170]))
        with time_machine.travel(clock, tick=False):
            portal_answers(dossiers)
            if not dossiers or rng.random() < 0.1:
                made = receive(desk, cast, province, channel=Channel.DIRECT)
                # Applied for online, with an account: the citizen can pay and rate.
                Dossier.objects.filter(pk=made.pk).update(applicant_user=cast.citizen)
                dossiers.append(made.pk)
                name = "receive"
            else:
                # Open, or returned and not rated yet (the applicant may rate it).
                open_ones = list(
                    Dossier.objects.filter(pk__in=dossiers)
                    .filter(
                        Q(status__in=OPEN) | Q(status=DossierStatus.RETURNED, rating__isnull=True)
                    )
                    .order_by("pk")
                    .values_list("pk", flat=True)
                )
                pool = open_ones if open_ones and rng.random() < 0.8 else dossiers
                dossier = Dossier.objects.get(pk=rng.choice(pool))
                # Mostly what the status allows; the side changes it allows
                # are among them, any side change sometimes (may be refused).
                fitting = _fitting(desk, dossier) + SIDE_FITTING.get(dossier.status, [])
                side = rng.random() < 0.2
                choices = sorted(sides) if side or not fitting else fitting
                name = rng.choice(choices)
                try:
                    every[name](dossier)
                except DomainError:
                    name = "refused action"
            applied[name] = applied.get(name, 0) + 1
            _assert_exact(province, every_scope=False)
    with time_machine.travel(clock, tick=False):
        _assert_exact(province)
    # The sequence reached what the side facts tell apart (fixed seeds: exact tallies).
    statuses = Counter(Dossier.objects.values_list("status", flat=True))
    paid = Payment.objects.filter(status=PaymentStatus.PAID).count()
    unhappy = Rating.objects.filter(value="unsatisfied").count()
    figures = (applied, statuses, paid, unhappy, len(complaints.received))
    assert figures == EXPECTED[seed]
    # Rows sent in time, late, and unsent at the end (fixed seeds: exact).
    assert sync_tally() == SYNCS[seed]
    # The rebuild in SQL gives the counters and facts the services kept.
    kept = sorted(DossierFact.objects.values_list("dossier_id", "entries"), key=repr)
    assert rebuild() == (len(dossiers), DailyCount.objects.count())
    assert sorted(DossierFact.objects.values_list("dossier_id", "entries"), key=repr) == kept


# (actions applied, statuses, payments paid, "unsatisfied" ratings, dossiers
# with a complaint) at the end of each run.
EXPECTED: dict[int, tuple[dict[str, int], Counter[int], int, int, int]] = {
    22: (
        {
            "receive": 6,
            "forward": 13,
            "scan": 5,
            "send back": 3,
            "ask supplement": 3,
            "withdraw": 2,
            "pay fee online": 3,
            "refused action": 16,
            "supplement": 1,
            "approve": 3,
            "record result": 3,
            "complain": 5,
            "stop": 1,
            "hand over": 3,
            "rate unsatisfied": 2,
            "rate satisfied": 1,
        },
        Counter({10: 3, 7: 2, 8: 1}),
        3,
        2,
        2,
    ),
    2026: (
        {
            "receive": 9,
            "withdraw": 2,
            "refused action": 19,
            "scan": 4,
            "forward": 8,
            "complain": 8,
            "stop": 1,
            "refuse complaint": 1,
            "ask supplement": 6,
            "supplement": 6,
            "refuse": 3,
            "send back": 2,
            "pay fee online": 1,
        },
        Counter({8: 4, 4: 2, 7: 2, 2: 1}),
        1,
        0,
        5,
    ),
}


# (in time, late, unsent) synchronisation rows at the end of each run.
SYNCS = {22: (18, 15, 16), 2026: (13, 18, 19)}


def test_a_late_complaint_counts_from_its_own_day(
    desk: Desk, cast: Cast, province: Province, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a dossier received on 2 February, and a complaint about it on 10 March
    complaints = Complaints()
    monkeypatch.setattr(provided, "_complaint_sources", {"test": complaints.codes_before})
    monkeypatch.setattr(provided, "_first_complaint_sources", {"test": complaints.first})
    with time_machine.travel(START, tick=False):
        dossier = receive(desk, cast, province)
    with time_machine.travel(at(3, 10), tick=False):
        complaints.change(str(dossier.code), True)

    # Then February knows nothing of it, and a period to 10 March counts it
    spec = next(
        s for _g, s in definition_for(date(2026, 3, 31)).indicators if s.key == "satisfaction"
    )
    scope = Scope(province.province)
    for period, disliked in (
        (Period(date(2026, 2, 1), date(2026, 2, 28)), 0),
        (Period(date(2026, 3, 1), date(2026, 3, 9)), 0),
        (Period(date(2026, 3, 1), date(2026, 3, 10)), 1),
    ):
        got = computed(scope, period, at(6, 1), [spec])[spec.key]
        assert (got["khong-hai-long"], got["mau-so"]) == (disliked, 1)
    assert differences() == []
