"""The daily rollups (egov/onestop/reports/rollups/) against the recomputation from the dossiers.

The property test drives the real services with random actions (fixed
seeds, stdlib `random`) and checks after each one that the counters equal
a recomputation (`egov stats verify`) and that the figures read from them
equal statistics.py's, for several periods and scopes.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus, ReturnMethod
from egov.onestop.dossiers.services import (
    confirm_payment,
    move_on,
    receive_supplement,
    record_result,
    refuse,
    request_payment,
    request_supplement,
    return_result,
    stop_processing,
    withdraw,
)
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.reports.models import (
    KEY_FIELDS,
    DailyCount,
    DossierFact,
    MonthlyCount,
    RollupRole,
)
from egov.onestop.reports.rollups.facts import MEASURES
from egov.onestop.reports.rollups.readers import (
    counts_by_agency_path,
    counts_by_field_name,
    rollup_statistics,
    rollup_trend,
)
from egov.onestop.reports.rollups.rebuild import differences, rebuild
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import dossier_statistics, grouped_counts, monthly_trend
from egov.onestop.reports.tests.conftest import MakeDossier, at
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError

START = at(2, 2)  # Mon 2 Feb 2026, 08:00
PERIODS = (
    Period(date(2026, 2, 1), date(2026, 2, 28)),
    Period(date(2026, 2, 9), date(2026, 3, 6)),
    Period(date(2026, 3, 1), date(2026, 3, 31)),
    Period(date(2026, 1, 1), date(2026, 12, 31)),
)

Action = Callable[[Dossier], object]


def _assert_rollups_exact(province: Province, desk: Desk, *, every_scope: bool = True) -> None:
    assert differences() == []
    if not every_scope:
        # After each action: the province and one commune alone, over two periods.
        for period in PERIODS[1:3]:
            for scope in (Scope(province.province), Scope(province.long_an, False)):
                assert rollup_statistics(scope, period) == dossier_statistics(scope, period)
        return
    scopes = [
        Scope(province.province),
        Scope(province.long_an, include_subunits=False),
        Scope(province.tan_ninh),
        Scope(province.province, procedure=desk.procedure),
        Scope(province.province, field=desk.procedure.field),
    ]
    for period in PERIODS:
        for scope in scopes:
            assert rollup_statistics(scope, period) == dossier_statistics(scope, period)
        whole = scopes[0]
        assert rollup_trend(whole, period) == monthly_trend(whole, period)
        assert counts_by_agency_path(whole, period) == grouped_counts(whole, period, "agency__path")
        assert counts_by_field_name(whole, period) == grouped_counts(
            whole, period, "procedure__field__name"
        )


def _actions(desk: Desk, cast: Cast) -> dict[str, Action]:
    def holder(dossier: Dossier) -> User:
        return {
            desk.specialist_step.pk: cast.specialist,
            desk.leader_step.pk: desk.commune_leader,
        }.get(dossier.current_step_id or 0, cast.reception)

    def move(action: str) -> Action:
        return lambda d: move_on(actor=holder(d), dossier=d, action=action)

    return {
        "forward": move("forward"),
        "approve": move("approve"),
        "send back": move("return"),
        "refuse": lambda d: refuse(actor=cast.specialist, dossier=d, reason="Không đủ điều kiện"),
        "ask supplement": lambda d: request_supplement(
            actor=cast.specialist, dossier=d, items=["Tờ khai"]
        ),
        "supplement": lambda d: receive_supplement(actor=cast.reception, dossier=d),
        "ask payment": lambda d: request_payment(
            actor=holder(d), dossier=d, note="Lệ phí", amount_vnd=8000
        ),
        "pay": lambda d: confirm_payment(actor=None, dossier=d, note="Đã nộp"),
        "withdraw": lambda d: withdraw(actor=cast.reception, dossier=d, reason="Công dân rút"),
        "stop": lambda d: stop_processing(
            actor=desk.commune_head, dossier=d, reason="Dừng theo đề nghị"
        ),
        "record result": lambda d: record_result(
            actor=cast.reception,
            dossier=d,
            number="12/GKS",
            signed_on=d.step_started_at.date() if d.step_started_at else START.date(),
            signer="Trương Công Danh",
        ),
        "hand over": lambda d: return_result(
            actor=cast.reception, dossier=d, method=ReturnMethod.DESK, collected_by="An"
        ),
    }


OPEN = (
    DossierStatus.ACCEPTED,
    DossierStatus.PROCESSING,
    DossierStatus.SUPPLEMENT,
    DossierStatus.FINANCIAL,
    DossierStatus.FINISHED,
)


def _fitting(desk: Desk, dossier: Dossier) -> list[str]:
    """The actions that the dossier's status and step allow."""
    status, step = dossier.status, dossier.current_step_id
    if status in (DossierStatus.ACCEPTED, DossierStatus.PROCESSING):
        if step == desk.reception_step.pk:
            return ["forward"] * 4 + ["withdraw"]
        if step == desk.specialist_step.pk:
            return ["forward"] * 5 + ["send back", "refuse", "ask supplement", "ask supplement"]
        if step == desk.leader_step.pk:
            return ["approve"] * 5 + ["send back", "stop", "ask payment"]
        if step == desk.return_step.pk:
            return ["record result"]
    return {
        DossierStatus.SUPPLEMENT: ["supplement", "supplement", "withdraw"],
        DossierStatus.FINANCIAL: ["pay", "pay", "stop"],
        DossierStatus.FINISHED: ["hand over"],
    }.get(DossierStatus(status), [])


@pytest.mark.parametrize("seed", [20, 766])
def test_random_actions_keep_the_rollups_exact(
    seed: int, desk: Desk, cast: Cast, province: Province
) -> None:
    rng = random.Random(seed)
    actions = _actions(desk, cast)
    names = sorted(actions)
    clock = START
    dossiers: list[int] = []
    applied: dict[str, int] = {}
    for _step in range(70):
        clock += timedelta(hours=rng.choice([1, 3, 7, 20, 26, 50, 170]))
        with time_machine.travel(clock, tick=False):
            if not dossiers or rng.random() < 0.15:
                outcome = rng.choice(["accept", "accept", "accept", "refuse"])
                made = receive(
                    desk,
                    cast,
                    province,
                    outcome=outcome,
                    channel=rng.choice([Channel.DIRECT, Channel.POSTAL]),
                    reason="Thiếu giấy tờ" if outcome == "refuse" else "",
                )
                dossiers.append(made.pk)
                name = f"receive ({outcome})"
            else:
                open_ones = list(
                    Dossier.objects.filter(pk__in=dossiers, status__in=OPEN)
                    .order_by("pk")
                    .values_list("pk", flat=True)
                )
                pool = open_ones if open_ones and rng.random() < 0.9 else dossiers
                dossier = Dossier.objects.get(pk=rng.choice(pool))
                # Mostly an action the dossier's state allows; sometimes any
                # action, which the service may refuse (nothing must change).
                fitting = _fitting(desk, dossier)
                name = rng.choice(fitting if fitting and rng.random() < 0.85 else names)
                try:
                    actions[name](dossier)
                except DomainError:
                    name = "refused action"
            applied[name] = applied.get(name, 0) + 1
            _assert_rollups_exact(province, desk, every_scope=False)
    with time_machine.travel(clock, tick=False):
        _assert_rollups_exact(province, desk)
    # The sequence reached the states the counts tell apart: the seeds are
    # fixed, so these are the exact tallies of the run.
    statuses = Counter(Dossier.objects.values_list("status", flat=True))
    assert DossierFact.objects.count() == len(dossiers)
    assert (applied, statuses) == EXPECTED[seed]
    # And the rebuild in SQL gives exactly the counters and facts the
    # services kept, row for row.
    kept = _tables()
    assert rebuild() == (len(dossiers), DailyCount.objects.count())
    assert _tables() == kept


def _tables() -> tuple[list[tuple[object, ...]], ...]:
    counters = [
        sorted(
            (
                tuple(row)
                for row in model.objects.filter(dossiers__gt=0).values_list(*KEY_FIELDS, *MEASURES)
            ),
            key=repr,
        )
        for model in (DailyCount, MonthlyCount)
    ]
    facts = sorted(DossierFact.objects.values_list("dossier_id", "entries"), key=repr)
    return counters[0], counters[1], [(pk, entries) for pk, entries in facts]


EXPECTED: dict[int, tuple[dict[str, int], dict[int, int]]] = {
    20: (
        {
            "approve": 3,
            "ask payment": 2,
            "ask supplement": 5,
            "forward": 17,
            "hand over": 3,
            "pay": 2,
            "receive (accept)": 10,
            "receive (refuse)": 2,
            "record result": 3,
            "refuse": 1,
            "refused action": 13,
            "send back": 4,
            "supplement": 3,
            "withdraw": 2,
        },
        {3: 2, 4: 3, 5: 1, 7: 2, 8: 1, 10: 3},
    ),
    766: (
        {
            "approve": 2,
            "ask supplement": 3,
            "forward": 8,
            "hand over": 2,
            "receive (accept)": 9,
            "receive (refuse)": 2,
            "record result": 2,
            "refuse": 1,
            "refused action": 33,
            "send back": 1,
            "supplement": 1,
            "withdraw": 6,
        },
        {3: 2, 7: 6, 8: 1, 10: 2},
    ),
}


def test_a_change_without_the_services_is_reported_then_rebuilt(
    province: Province, make: MakeDossier
) -> None:
    # Given a dossier whose end was written straight into the database
    dossier = make(at(3, 2), at(3, 9))
    Dossier.objects.filter(pk=dossier.pk).update(ended_at=at(3, 5), timeliness="early")

    # When the rollups are verified
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("stats", "verify", stdout=out)

    # Then every missing amount of the new ENDED row is listed, and the command fails
    ended = f"role={int(RollupRole.ENDED)}"
    dims = (
        f"receiving_unit={province.long_an_centre.pk} agency={province.long_an.pk} "
        f"procedure={dossier.procedure_id} channel=1"
    )
    daily = f"daily day=2026-03-05 {ended} end_day=2026-03-05 {dims}"
    monthly = f"monthly day=2026-03-01 {ended} end_day=2026-03-01 {dims}"
    assert out.getvalue().splitlines() == [
        f"{daily} dossiers: expected 1, stored 0",
        f"{daily} early: expected 1, stored 0",
        f"{monthly} dossiers: expected 1, stored 0",
        f"{monthly} early: expected 1, stored 0",
    ]
    assert str(failed.value) == "4 differences between the rollups and the dossiers"

    # When they are rebuilt, then they verify
    out = StringIO()
    call_command("stats", "rebuild", stdout=out)
    assert out.getvalue() == "Rebuilt: 1 dossiers, 2 counter rows\n"
    out = StringIO()
    call_command("stats", "verify", stdout=out)
    assert out.getvalue() == "OK: the rollups equal the recomputation\n"


def test_rebuild_gives_what_the_services_kept(desk: Desk, cast: Cast, province: Province) -> None:
    with time_machine.travel(at(3, 2), tick=False):
        dossier = receive(desk, cast, province)
        move_on(actor=cast.reception, dossier=dossier, action="forward")
    kept = sorted(DailyCount.objects.values_list("day", "role", "dossiers"))
    facts = list(DossierFact.objects.values_list("dossier_id", "entries"))

    rebuild()

    assert (
        sorted(DailyCount.objects.values_list("day", "role", "dossiers"))
        == kept
        # Received, and synchronised (its rows queued for the national portal).
        == [(date(2026, 3, 2), RollupRole.RECEIVED, 1), (date(2026, 3, 2), RollupRole.SYNCED, 1)]
    )
    assert list(DossierFact.objects.values_list("dossier_id", "entries")) == facts
