"""How often a leader must hold regular reception days, and who fell short in a month.

Law on Citizen Reception 2013 (42/2013/QH13), art. 12-15, as DOMAIN.md and the
brief read it: the chairman of a commune's people's committee receives
citizens at least 1 day a week, of a district at least 2 days a month, of a
province at least 1 day a month. The article of each rule and the rule for the
heads of departments (taken as 1 day a month, as for a province) could not be
checked against the official text here: every frequency is data, marked
unverified, and a deployment overrides it with the setting
`VOICE_RECEPTION_FREQUENCIES = {"commune": [1, "week"], "province": [2, "month"]}`
(keys: `organisation.UnitKind` values; "district" is kept for old trees: the
district level is gone since 1 July 2025).

What counts as held: a date on which a leader-day reception (`leader_day`) was
recorded in the unit on the leader's regular day, or by the leader. A day
scheduled but with nobody recorded does not count: the register is the proof
the inspectors ask for. The platform does not know which leader is the
chairman, so every leader (`Role.LEADER`) of the unit itself is checked, and
every other person who had regular days scheduled there that month.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from django.conf import settings
from django.utils import timezone

from egov.platform.accounts.models import Role, User
from egov.platform.organisation.models import Unit
from egov.voice.reception.models import Reception, ReceptionDay, ReceptionKind

Period = Literal["week", "month"]


@dataclass(frozen=True)
class Frequency:
    days: int
    per: Period
    source: str
    verified: bool = False


LAW = "Luật Tiếp công dân 2013, Điều 12-15"
FREQUENCIES: dict[str, Frequency] = {
    "commune": Frequency(1, "week", f"{LAW} (chủ tịch UBND cấp xã)"),
    "district": Frequency(2, "month", f"{LAW} (chủ tịch UBND cấp huyện)"),
    "province": Frequency(1, "month", f"{LAW} (chủ tịch UBND cấp tỉnh)"),
    "department": Frequency(1, "month", f"{LAW} (thủ trưởng sở, ngành)"),
}


def frequency_for(unit: Unit) -> Frequency | None:
    """The rule for the unit's kind (None: no regular days required, e.g. a service centre)."""
    override = getattr(settings, "VOICE_RECEPTION_FREQUENCIES", {}).get(unit.kind)
    if override is not None:
        days, per = override
        return Frequency(int(days), per, "VOICE_RECEPTION_FREQUENCIES")
    return FREQUENCIES.get(unit.kind)


@dataclass(frozen=True)
class Week:
    monday: date
    held: int
    # The week has ended before `today` with fewer days held than the rule asks.
    short: bool


@dataclass(frozen=True)
class LeaderMonth:
    leader: User
    scheduled: list[date]
    held: list[date]
    required: int
    weeks: list[Week]
    # The month (or, for a weekly rule, a week in it) is over and the days held fall short.
    short: bool
    # Some period the rule counts by (the month, or a week in it) is over: before that
    # nothing can be judged, and the page says so rather than "met".
    judged: bool


@dataclass(frozen=True)
class MonthCheck:
    unit: Unit
    first: date
    frequency: Frequency | None
    leaders: list[LeaderMonth]

    @property
    def short(self) -> list[LeaderMonth]:
        return [line for line in self.leaders if line.short]


def _mondays(first: date, last: date) -> list[date]:
    # A week belongs to the month its Monday falls in, so no week counts twice.
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def check_month(*, unit: Unit, year: int, month: int, today: date) -> MonthCheck:
    """The leaders of `unit` and the regular days they held in the month, against the rule."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    rule = frequency_for(unit)
    days = list(
        ReceptionDay.objects.filter(unit=unit, date__range=(first, last)).order_by("date", "pk")
    )
    # A weekly rule's last week may end in the next month: read its receptions too.
    horizon = last + timedelta(days=6)
    receptions = Reception.objects.filter(
        unit=unit,
        kind=ReceptionKind.LEADER_DAY,
        received_at__date__range=(first, horizon),
    ).select_related("day")
    held_by: dict[int, set[date]] = {}
    for reception in receptions:
        leader_id = reception.day.leader_id if reception.day else reception.officer_id
        # The local day, as the __date lookup above reads it (UTC would move an
        # early-morning reception to the day before).
        held_by.setdefault(leader_id, set()).add(timezone.localdate(reception.received_at))
    leader_ids = {d.leader_id for d in days} | set(
        User.objects.filter(
            memberships__unit=unit, memberships__role=Role.LEADER, is_active=True
        ).values_list("pk", flat=True)
    )
    lines = []
    for leader in User.objects.filter(pk__in=leader_ids).order_by("full_name", "pk"):
        held_all = sorted(held_by.get(leader.pk, set()))
        held = [d for d in held_all if d <= last]
        scheduled = [d.date for d in days if d.leader_id == leader.pk]
        weeks: list[Week] = []
        required = 0
        short = False
        judged = False
        if rule is not None and rule.per == "week":
            for monday in _mondays(first, last):
                sunday = monday + timedelta(days=6)
                count = len([d for d in held_all if monday <= d <= sunday])
                weeks.append(
                    Week(monday=monday, held=count, short=sunday < today and count < rule.days)
                )
            required = rule.days * len(weeks)
            short = any(w.short for w in weeks)
            judged = any(w.monday + timedelta(days=6) < today for w in weeks)
        elif rule is not None:
            required = rule.days
            short = last < today and len(held) < rule.days
            judged = last < today
        lines.append(
            LeaderMonth(
                leader=leader,
                scheduled=scheduled,
                held=held,
                required=required,
                weeks=weeks,
                short=short,
                judged=judged,
            )
        )
    return MonthCheck(unit=unit, first=first, frequency=rule, leaders=lines)
