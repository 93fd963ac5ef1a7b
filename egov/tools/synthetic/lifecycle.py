"""One dossier's life, simulated in office time and cut at "now".

The life follows the services' rules (egov/onestop/dossiers/services): acceptance
sets the code, the appointment and the legal deadline (received + the
procedure's processing time in office time); each hand-over judges the step
it leaves; a supplement stops the clock and moves the deadline, the
appointment and the step's due time by the office time the citizen took;
the first end event fixes the timeliness (egov.onestop.dossiers.timeliness.classify,
which also makes two supplements late) and the processing time (office time
from receipt to that end minus the citizen's time, `waited_seconds`: the
supplements answered and, for a citizen who never came back, the pause up to
the end; Decision 766/QĐ-TTg). Events after
"now" do not happen: the dossier keeps the state of its last event, so
recent dossiers are open.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NoReturn

from egov.onestop.dossiers.models import Channel, DossierStatus, ReturnMethod
from egov.onestop.dossiers.timeliness import classify
from egov.tools.synthetic.clock import OfficeClock
from egov.tools.synthetic.extras import Extras
from egov.tools.synthetic.people import Citizen, id_number, person_name, phone_number
from egov.tools.synthetic.plan import Route, StepPlan

S = DossierStatus
# As egov.onestop.dossiers.services.reception; synthetic secrets come from the seeded
# generator (repeatable), which is fine for dossiers nobody owns.
SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 - an alphabet

P_REFUSED_AT_DESK = 0.015
P_LATE = 0.06
P_SUPPLEMENT = 0.08
P_SECOND_SUPPLEMENT = 0.2  # of those asked once
P_NEVER_SUPPLEMENTED = 0.1
P_REFUSED = 0.01
P_WITHDRAWN = 0.008
P_STOPPED = 0.004
P_RATED = 0.5  # of returned online dossiers
SUPPLEMENT_ITEMS = [
    "Bản sao giấy tờ tùy thân còn hiệu lực",
    "Văn bản ủy quyền có chứng thực",
    "Bản chính giấy tờ cần chứng thực",
    "Tờ khai ghi đầy đủ thông tin",
]
REFUSALS = [
    "Hồ sơ không thuộc thẩm quyền giải quyết",
    "Giấy tờ không hợp lệ",
    "Người nộp không đủ điều kiện theo quy định",
]
WITHDRAWALS = ["Công dân đề nghị rút hồ sơ", "Công dân không còn nhu cầu"]
STOPS = ["Quá thời hạn bổ sung hồ sơ", "Có tranh chấp, khiếu nại liên quan"]
STREETS = ["Trần Hưng Đạo", "Cách Mạng Tháng Tám", "Nguyễn Trãi", "Lê Lợi", "30 Tháng 4"]


@dataclass
class Context:
    clock: OfficeClock
    rng: random.Random
    now: int  # office time of "now"
    now_at: datetime
    officers: dict[tuple[int, str], list[int]]
    officer_names: dict[int, str]
    citizens: list[Citizen]
    unit_names: dict[int, str]
    ratings: bool


Row = dict[str, Any]  # column values by attribute name (`procedure_id`, ...)


@dataclass
class Life:
    """One dossier's rows, as plain values: the writers turn them into inserts."""

    dossier: Row
    handovers: list[Row] = field(default_factory=list)
    supplements: list[Row] = field(default_factory=list)
    rating: Row | None = None
    # Documents, payment and outbox rows (extras.py).
    extras: Extras = field(default_factory=Extras)


class _Cut(Exception):
    """The next event would happen after "now"."""


def _officer(ctx: Context, unit_id: int, role: str) -> int | None:
    people = ctx.officers.get((unit_id, role))
    return ctx.rng.choice(people) if people else None


def _applicant(ctx: Context, channel: int, unit_name: str) -> dict[str, Any]:
    rng = ctx.rng
    if channel == Channel.ONLINE and ctx.citizens:
        citizen = rng.choice(ctx.citizens)
        name, phone, user = citizen.name, citizen.phone, citizen.pk
    else:
        name, phone, user = person_name(rng), phone_number(rng), None
    return {
        "applicant_name": name,
        "applicant_phone": phone,
        "applicant_user_id": user,
        "applicant_id_number": id_number(rng),
        "applicant_address": f"Số {rng.randrange(1, 400)} {rng.choice(STREETS)}, {unit_name}",
    }


def simulate(
    ctx: Context, route: Route, centre_id: int, channel: int, t0: int, code: str | None
) -> Life:
    """A dossier received at office time `t0` (code None: refused at the desk)."""
    rng = ctx.rng
    clock = ctx.clock
    received = clock.moment(t0)
    if channel == Channel.ONLINE:
        created = received - timedelta(seconds=rng.randrange(1800, 2 * 86400))
    else:
        created = received - timedelta(seconds=rng.randrange(60, 900))
    f: dict[str, Any] = {
        "procedure_id": route.procedure_id,
        "process_id": route.process_id,
        "receiving_unit_id": centre_id,
        "agency_id": route.agency_id,
        "channel": channel,
        "current_unit_id": centre_id,
        "tracking_secret": "".join(rng.choice(SECRET_ALPHABET) for _i in range(6)),
        "created_at": created,
        "updated_at": received,
        **_applicant(ctx, channel, ctx.unit_names[route.agency_id]),
    }
    receiver = _officer(ctx, centre_id, "reception")
    f["received_by_id"] = receiver
    life = Life(f)
    if code is None:
        f.update(status=S.NOT_ACCEPTED, ended_at=received, outcome_reason=rng.choice(REFUSALS))
    else:
        _accepted(ctx, life, f, route, centre_id, t0, code, receiver)
    return life


def _accepted(
    ctx: Context,
    life: Life,
    f: dict[str, Any],
    route: Route,
    centre_id: int,
    t0: int,
    code: str,
    receiver: int | None,
) -> None:
    deadline = t0 + route.processing_seconds
    f.update(
        code=code,
        status=S.ACCEPTED,
        received_at=ctx.clock.moment(t0),
        supplement_count=0,
    )
    fate = _Fate.draw(ctx.rng, route)
    state = _State(f, t0, deadline)
    try:
        _through_the_steps(ctx, life, state, route, centre_id, fate, receiver)
    except _Cut:
        return


def _working_steps(route: Route) -> list[StepPlan]:
    """The steps before the final one (returning the result)."""
    return [s for s in route.steps if not s.final]


def _unit_of(step: StepPlan, centre_id: int) -> int:
    return step.unit_id if step.unit_id is not None else centre_id


@dataclass
class _Fate:
    """An accepted dossier's fate, decided up front so the rates hold."""

    # Office time the working steps take between them, shared by allowance.
    budget: float
    total_allowance: int
    ending: str  # "", "withdraw", "stop" or "refuse"
    asks: int  # supplements the citizen is asked for: 0, 1 or 2
    ending_step: int  # the working step a withdrawal or a stop happens in; -1: none

    @classmethod
    def draw(cls, rng: random.Random, route: Route) -> _Fate:
        # The order of the draws is the seed's contract: keep it.
        working = _working_steps(route)
        late = rng.random() < P_LATE
        share = rng.uniform(1.05, 2.2) if late else rng.uniform(0.2, 0.9)
        fate = rng.random()
        ending = ""
        if fate < P_WITHDRAWN:
            ending = "withdraw"
        elif fate < P_WITHDRAWN + P_STOPPED:
            ending = "stop"
        elif fate < P_WITHDRAWN + P_STOPPED + P_REFUSED:
            ending = "refuse"
        asks = 0
        if rng.random() < P_SUPPLEMENT:
            asks = 2 if rng.random() < P_SECOND_SUPPLEMENT else 1
        return cls(
            budget=share * route.processing_seconds,
            total_allowance=sum(s.allowance for s in working) or 1,
            ending=ending,
            asks=asks,
            ending_step=rng.randrange(len(working)) if ending in ("withdraw", "stop") else -1,
        )

    def duration(self, step: StepPlan, rng: random.Random) -> int:
        """The office time `step` takes this time: its share of the budget, ±20%."""
        share = self.budget * step.allowance / self.total_allowance * rng.uniform(0.8, 1.2)
        return max(int(share), 600)


def _through_the_steps(
    ctx: Context,
    life: Life,
    state: _State,
    route: Route,
    centre_id: int,
    fate: _Fate,
    receiver: int | None,
) -> None:
    """Accept, then each working step in turn, to the result unless the dossier ends first."""
    rng, steps, t = ctx.rng, route.steps, state.received
    holder = receiver
    first = _unit_of(steps[0], centre_id)
    state.hand(life, ctx, "accept", None, steps[0], t, holder, None, first)
    state.enter(ctx, steps[0], t, holder, first)
    for index, step in enumerate(_working_steps(route)):
        duration = fate.duration(step, rng)
        if index == fate.ending_step:
            at = t + int(duration * rng.uniform(0.1, 0.9))
            state.end_early(ctx, fate.ending, at, rng)
            return
        if step.can_supplement and fate.asks:
            t = state.supplements(ctx, life, step, t, duration, fate.asks, holder, centre_id)
            fate.asks = 0
        if step.can_refuse and fate.ending == "refuse":
            _refuse(ctx, life, state, step, t + int(duration * rng.uniform(0.3, 1.0)), holder)
            return
        target = steps[index + 1]
        holder = _hand_on(ctx, life, state, step, target, t + duration, holder, centre_id)
        t += duration
    _finish(ctx, life, state, steps[-1], t, centre_id, route.processing_seconds)


def _refuse(
    ctx: Context, life: Life, state: _State, step: StepPlan, at: int, holder: int | None
) -> None:
    state.check(ctx, at)
    state.hand(life, ctx, "refuse", step, None, at, holder, None, None)
    state.f["outcome_reason"] = ctx.rng.choice(REFUSALS)
    state.end(ctx, S.STOPPED, at)


def _hand_on(
    ctx: Context,
    life: Life,
    state: _State,
    step: StepPlan,
    target: StepPlan,
    at: int,
    holder: int | None,
    centre_id: int,
) -> int | None:
    """Hand the dossier from `step` on to `target` at `at`; the officer who takes it."""
    unit = _unit_of(target, centre_id)
    taker = _officer(ctx, unit, target.role) if not target.final else None
    state.check(ctx, at)
    state.hand(life, ctx, step.action, step, target, at, holder, taker, unit)
    state.enter(ctx, target, at, taker, unit)
    state.f["status"] = S.PROCESSING
    return taker


def _finish(
    ctx: Context,
    life: Life,
    state: _State,
    final: StepPlan,
    t: int,
    centre_id: int,
    processing: int,
) -> None:
    rng, f = ctx.rng, state.f
    # Recording the signed result takes a moment: a few percent of the time allowed.
    done = t + rng.randrange(120, max(min(processing // 20, 8000), 240))
    state.check(ctx, done)
    signer = _officer(ctx, int(f["agency_id"]), "leader")
    moment = ctx.clock.moment(done)
    f.update(
        result_number=f"{rng.randrange(1, 5000)}/{moment.year}",
        result_date=moment.date(),
        result_signer=ctx.officer_names.get(signer or 0, "Lãnh đạo UBND"),
    )
    state.end(ctx, S.FINISHED, done)
    back = done + rng.randrange(1800, 5 * ctx.clock.day_seconds)
    state.check(ctx, back)
    giver = _officer(ctx, centre_id, "reception")
    channel = f["channel"]
    if channel == Channel.ONLINE:
        method = ReturnMethod.ONLINE if rng.random() < 0.6 else ReturnMethod.DESK
    elif channel == Channel.POSTAL:
        method = ReturnMethod.POST
    else:
        method = ReturnMethod.POST if rng.random() < 0.05 else ReturnMethod.DESK
    collected = f["applicant_name"] if method == ReturnMethod.DESK else ""
    state.hand(life, ctx, "deliver", final, None, back, giver, None, None, note=collected)
    returned = ctx.clock.moment(back)
    f.update(
        status=S.RETURNED,
        current_step_id=None,
        returned_at=returned,
        return_method=method,
        collected_by=collected,
        updated_at=returned,
    )
    user = f.get("applicant_user_id")
    if ctx.ratings and user is not None and rng.random() < P_RATED:
        rated = returned + timedelta(seconds=rng.randrange(600, 3 * 86400))
        if rated <= ctx.now_at:
            value = rng.choices(["satisfied", "normal", "unsatisfied"], cum_weights=[90, 98, 100])
            life.rating = {"user_id": user, "value": value[0], "created_at": rated}


class _State:
    """The dossier's moving parts, in office time until they are written."""

    def __init__(self, f: dict[str, Any], received: int, deadline: int) -> None:
        self.f = f
        self.received = received
        self.deadline = deadline
        self.appointment = deadline
        self.step_due = 0
        # Office time the clock stood still for the citizen (Dossier.waited_seconds).
        self.waited = 0

    def check(self, ctx: Context, t: int) -> None:
        if t > ctx.now:
            self._write(ctx)
            raise _Cut

    def _write(self, ctx: Context) -> None:
        moment = ctx.clock.moment
        self.f["deadline_at"] = moment(self.deadline)
        self.f["appointment_at"] = moment(self.appointment)
        if self.f.get("current_step_id") is not None:
            self.f["step_due_at"] = moment(self.step_due)

    def hand(
        self,
        life: Life,
        ctx: Context,
        action: str,
        from_step: StepPlan | None,
        to_step: StepPlan | None,
        t: int,
        giver: int | None,
        taker: int | None,
        to_unit: int | None,
        note: str = "",
    ) -> None:
        at = ctx.clock.moment(t)
        due = ctx.clock.moment(self.step_due) if from_step is not None else None
        judged = ""
        # The final step waits for the citizen: not the agency's time (as hand_over).
        if from_step is not None and not from_step.final and due is not None:
            judged = classify(at, due).value
        life.handovers.append(
            {
                "action": action,
                "from_step_id": from_step.pk if from_step is not None else None,
                "to_step_id": to_step.pk if to_step is not None else None,
                "from_user_id": giver,
                "to_user_id": taker,
                "to_unit_id": to_unit,
                "note": note,
                "at": at,
                "step_due_at": due,
                "timeliness": judged,
            }
        )
        self.f["updated_at"] = at

    def enter(self, ctx: Context, step: StepPlan, t: int, holder: int | None, unit: int) -> None:
        self.step_due = t + step.allowance
        self.f.update(
            current_step_id=step.pk,
            current_unit_id=unit,
            step_started_at=ctx.clock.moment(t),
            assignee_id=holder,
        )

    def end(self, ctx: Context, status: S, t: int) -> None:
        self._write(ctx)
        at = ctx.clock.moment(t)
        self.f.update(status=status, ended_at=at, updated_at=at)
        self.f["timeliness"] = classify(
            at, self.f["deadline_at"], supplement_count=self.f["supplement_count"]
        ).value
        # Office time from receipt to the end without the citizen's: on the
        # clock's axis a plain difference, equal to
        # egov.onestop.dossiers.timeliness.processing_seconds.
        self.f["processing_seconds"] = t - self.received - self.waited

    def _wait(self, seconds: int) -> None:
        self.waited += seconds
        self.f["waited_seconds"] = self.waited

    def end_early(self, ctx: Context, ending: str, t: int, rng: random.Random) -> None:
        self.check(ctx, t)
        if ending == "withdraw":
            self.f["outcome_reason"] = rng.choice(WITHDRAWALS)
            self.end(ctx, S.WITHDRAWN, t)
        else:
            self.f["outcome_reason"] = rng.choice(STOPS)
            self.end(ctx, S.STOPPED, t)

    def supplements(
        self,
        ctx: Context,
        life: Life,
        step: StepPlan,
        t: int,
        duration: int,
        asks: int,
        holder: int | None,
        centre_id: int,
    ) -> int:
        """Ask the citizen `asks` times during the step; returns the step's shifted start.

        Each request follows the previous supplement's arrival; the step then
        ends its own duration plus the citizen's time after it started.
        """
        cursor, shift = t, 0
        for _ask in range(asks):
            at = cursor + int(duration * ctx.rng.uniform(0.05, 0.45) / asks)
            self.check(ctx, at)
            request = self._ask(ctx, life, at, holder, centre_id)
            if ctx.rng.random() < P_NEVER_SUPPLEMENTED:
                self._never_answered(ctx, at)
            waited = self._answered(ctx, request, at, centre_id)
            shift += waited
            cursor = at + waited
        return t + shift

    def _ask(self, ctx: Context, life: Life, at: int, holder: int | None, centre_id: int) -> Row:
        """Pause the dossier for a supplement asked at `at`; the request's row."""
        rng, clock, f = ctx.rng, ctx.clock, self.f
        f.update(
            status=S.SUPPLEMENT,
            status_before_pause=S.PROCESSING if f["status"] == S.PROCESSING else f["status"],
            clock_stopped_at=clock.moment(at),
            supplement_count=f["supplement_count"] + 1,
            updated_at=clock.moment(at),
        )
        request: Row = {
            "requested_by_id": holder or _officer(ctx, centre_id, "reception"),
            "requested_at": clock.moment(at),
            "items": rng.sample(SUPPLEMENT_ITEMS, rng.randrange(1, 3)),
            "reason": "Hồ sơ chưa đầy đủ theo quy định",
            "received_at": None,
            "received_by_id": None,
        }
        life.supplements.append(request)
        return request

    def _never_answered(self, ctx: Context, at: int) -> NoReturn:
        """The citizen never comes back: after weeks the dossier ends."""
        rng = ctx.rng
        gone = at + rng.randrange(20, 60) * ctx.clock.day_seconds
        self.check(ctx, gone)
        self.f.update(status_before_pause=None, clock_stopped_at=None)
        # The pause ends with the dossier: the citizen's time (as the
        # services' `end`).
        self._wait(gone - at)
        self.end_early(ctx, "withdraw" if rng.random() < 0.7 else "stop", gone, rng)
        raise _Cut

    def _answered(self, ctx: Context, request: Row, at: int, centre_id: int) -> int:
        """The supplement arrives: the clock runs again, the times move; the office time waited."""
        clock, f = ctx.clock, self.f
        # At least an office hour: a zero wait would not move anything.
        waited = ctx.rng.randrange(3600, 10 * clock.day_seconds)
        back = at + waited
        self.check(ctx, back)
        self.deadline += waited
        self.appointment += waited
        self.step_due += waited
        self._wait(waited)
        request["received_at"] = clock.moment(back)
        request["received_by_id"] = _officer(ctx, centre_id, "reception")
        f.update(
            status=f["status_before_pause"],
            status_before_pause=None,
            clock_stopped_at=None,
            updated_at=clock.moment(back),
        )
        return waited
