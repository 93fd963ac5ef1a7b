"""One dossier's simulated life, without a database: cut at "now", and complete."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime

from egov.onestop.dossiers.models import Channel, DossierStatus
from egov.onestop.dossiers.timeliness import classify, processing_seconds
from egov.platform.workcalendar.deadlines import VN_TZ, OfficeHours, WorkingCalendar
from egov.tools.synthetic.clock import OfficeClock
from egov.tools.synthetic.lifecycle import Context, simulate
from egov.tools.synthetic.people import Citizen
from egov.tools.synthetic.plan import Route, StepPlan

S = DossierStatus
DAY = 27000
CENTRE, AGENCY = 10, 20
STEPS = (
    StepPlan(1, None, "reception", DAY // 2, False, "forward", False, False),
    StepPlan(2, AGENCY, "specialist", 3 * DAY, False, "forward", True, True),
    StepPlan(3, AGENCY, "leader", DAY // 2, False, "approve", False, False),
    StepPlan(4, None, "reception", 0, True, "", False, False),
)
ROUTE = Route(1, "1.001193", 4 * DAY, 1, AGENCY, CENTRE, True, STEPS)
CALENDAR = WorkingCalendar(overrides={}, office_hours=OfficeHours.parse("07:30-11:30,13:30-17:00"))
CLOCK = OfficeClock(CALENDAR, date(2026, 3, 2), date(2026, 12, 31))
T0 = CLOCK.office_time(datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ))


def _context(seed: int, now: int) -> Context:
    return Context(
        clock=CLOCK,
        rng=random.Random(seed),
        now=now,
        now_at=CLOCK.moment(now),
        officers={
            (CENTRE, "reception"): [101, 102],
            (AGENCY, "specialist"): [201],
            (AGENCY, "leader"): [301],
        },
        officer_names={301: "Trương Công Danh"},
        citizens=[Citizen(501, "Trần Văn An", "0912345678")],
        unit_names={AGENCY: "Phường Long An"},
        ratings=True,
    )


def test_a_dossier_cut_an_hour_after_acceptance_waits_at_reception() -> None:
    ctx = _context(seed=1, now=T0 + 3600)

    life = simulate(ctx, ROUTE, CENTRE, Channel.DIRECT, T0, "001.01.30.H53-260302-0001")

    d = life.dossier
    assert (d["status"], d["current_step_id"], d["current_unit_id"]) == (S.ACCEPTED, 1, CENTRE)
    assert d["received_at"] == datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)
    assert d["deadline_at"] == d["appointment_at"] == datetime(2026, 3, 6, 9, 0, tzinfo=VN_TZ)
    assert d["step_due_at"] == datetime(2026, 3, 2, 14, 45, tzinfo=VN_TZ)
    assert d["assignee_id"] == d["received_by_id"]
    assert "ended_at" not in d and "timeliness" not in d and "processing_seconds" not in d
    assert [h["action"] for h in life.handovers] == ["accept"]


def test_two_hundred_complete_lives_follow_the_rules() -> None:
    statuses: Counter[int] = Counter()
    waits: Counter[str] = Counter()
    for seed in range(200):
        ctx = _context(seed=seed, now=CLOCK.end - DAY)
        life = simulate(ctx, ROUTE, CENTRE, Channel.ONLINE, T0, f"X-{seed}")
        d = life.dossier
        statuses[int(d["status"])] += 1
        ats = [h["at"] for h in life.handovers]
        assert ats == sorted(ats)
        assert d["timeliness"] == classify(
            d["ended_at"], d["deadline_at"], supplement_count=d["supplement_count"]
        )
        # The citizen's time: each supplement from the request to its arrival,
        # or to the end when the citizen never came back.
        waited = sum(
            CALENDAR.working_seconds(s["requested_at"], s["received_at"] or d["ended_at"])
            for s in life.supplements
        )
        assert d.get("waited_seconds", 0) == waited
        waits["waited"] += int(waited > 0)
        waits["ended waiting"] += int(any(s["received_at"] is None for s in life.supplements))
        # The office time from receipt to the end without it, as the services store it.
        assert d["processing_seconds"] == processing_seconds(
            d["received_at"], d["ended_at"], CALENDAR, waited=waited
        )
        assert (
            d["processing_seconds"]
            == CALENDAR.working_seconds(d["received_at"], d["ended_at"]) - waited
        )
        assert len(life.supplements) == d["supplement_count"]
        assert d["applicant_user_id"] == 501
        if d["status"] == S.RETURNED:
            assert [h["action"] for h in life.handovers] == [
                "accept", "forward", "forward", "approve", "deliver"
            ]  # fmt: skip
            assert d["result_signer"] == "Trương Công Danh"
            waited = sum(
                CLOCK.office_time(s["received_at"]) - CLOCK.office_time(s["requested_at"])
                for s in life.supplements
            )
            assert CLOCK.office_time(d["deadline_at"]) == T0 + 4 * DAY + waited
    assert statuses == {S.RETURNED: 188, S.WITHDRAWN: 7, S.STOPPED: 5}
    assert waits == {"waited": 13, "ended waiting": 3}
