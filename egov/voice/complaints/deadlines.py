"""The legal deadlines of petitions, as data with the article that sets each.

Calendar days ("ngày") are added as days; working days ("ngày làm việc")
follow the platform calendar (weekends, public holidays, make-up days).
The numbers were written from the laws' text as recalled and from
DOMAIN.md; they could not be checked against the official gazette here
(docs/voice.md says which), so a deployment overrides any of them with the
VOICE_COMPLAINT_DEADLINES setting, e.g. `{"complaint_accept": 10}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings

from egov.platform.workcalendar.deadlines import due_at


class Clock(StrEnum):
    COMPLAINT_ACCEPT = "complaint_accept"
    COMPLAINT_SETTLE = "complaint_settle"
    COMPLAINT_COMPLICATED = "complaint_complicated"
    COMPLAINT_REMOTE_EXTRA = "complaint_remote_extra"
    DENUNCIATION_ACCEPT = "denunciation_accept"
    DENUNCIATION_ACCEPT_CHECKING = "denunciation_accept_checking"
    SECOND_ACCEPT = "complaint2_accept"
    SECOND_SETTLE = "complaint2_settle"
    SECOND_COMPLICATED = "complaint2_complicated"
    SECOND_REMOTE = "complaint2_remote"
    SECOND_REMOTE_COMPLICATED = "complaint2_remote_complicated"
    DENUNCIATION_SETTLE = "denunciation_settle"
    DENUNCIATION_EXTENSION = "denunciation_extension"
    OTHER_HANDLE = "other_handle"
    SECOND_WINDOW = "complaint2_window"
    SECOND_WINDOW_REMOTE = "complaint2_window_remote"


@dataclass(frozen=True)
class Rule:
    days: int
    working: bool
    article: str


RULES: dict[Clock, Rule] = {
    # Accept (thụ lý) or refuse a first-time complaint within 10 days of receipt.
    Clock.COMPLAINT_ACCEPT: Rule(10, False, "Luật Khiếu nại 2011, Điều 27"),
    # Settle a first-time complaint within 30 days of acceptance ...
    Clock.COMPLAINT_SETTLE: Rule(30, False, "Luật Khiếu nại 2011, Điều 28"),
    # ... 45 days for a complicated case ...
    Clock.COMPLAINT_COMPLICATED: Rule(45, False, "Luật Khiếu nại 2011, Điều 28"),
    # ... and 15 more days in remote areas where travel is difficult.
    Clock.COMPLAINT_REMOTE_EXTRA: Rule(15, False, "Luật Khiếu nại 2011, Điều 28"),
    # Check and accept a denunciation within 7 working days of receipt.
    Clock.DENUNCIATION_ACCEPT: Rule(7, True, "Luật Tố cáo 2018, Điều 24"),
    # ... "not more than 10 working days" when the check needs verifying at
    # several places (same article, clause 1): the whole check, from receipt.
    Clock.DENUNCIATION_ACCEPT_CHECKING: Rule(10, True, "Luật Tố cáo 2018, Điều 24 khoản 1"),
    # Second-time complaints. Accept within 10 days of receipt ...
    Clock.SECOND_ACCEPT: Rule(10, False, "Luật Khiếu nại 2011, Điều 36"),
    # ... settle within 45 days of acceptance, 60 for a complicated case;
    # in remote areas 60, and 70 for a complicated case (totals, not extras).
    Clock.SECOND_SETTLE: Rule(45, False, "Luật Khiếu nại 2011, Điều 37"),
    Clock.SECOND_COMPLICATED: Rule(60, False, "Luật Khiếu nại 2011, Điều 37"),
    Clock.SECOND_REMOTE: Rule(60, False, "Luật Khiếu nại 2011, Điều 37"),
    Clock.SECOND_REMOTE_COMPLICATED: Rule(70, False, "Luật Khiếu nại 2011, Điều 37"),
    # Settle within 30 days of acceptance ...
    Clock.DENUNCIATION_SETTLE: Rule(30, False, "Luật Tố cáo 2018, Điều 30"),
    # ... extendable by 30 days, once (twice for a complicated case).
    Clock.DENUNCIATION_EXTENSION: Rule(30, False, "Luật Tố cáo 2018, Điều 30"),
    # Recommendations and feedback sent as a petition: handled within 10
    # working days (Circular 05/2021/TT-TTCP on handling petitions).
    Clock.OTHER_HANDLE: Rule(10, True, "Thông tư 05/2021/TT-TTCP"),
    # The time to complain a second time: 30 days from the end of the
    # first-time settling period without a decision, or from receiving the
    # first-time decision; up to 45 days in remote areas.
    Clock.SECOND_WINDOW: Rule(30, False, "Luật Khiếu nại 2011, Điều 33"),
    Clock.SECOND_WINDOW_REMOTE: Rule(45, False, "Luật Khiếu nại 2011, Điều 33"),
}

# Law on Denunciations 2018 art. 30: one extension, two for a complicated case.
MAX_EXTENSIONS = {False: 1, True: 2}


def days(clock: Clock) -> int:
    overrides: dict[str, int] = getattr(settings, "VOICE_COMPLAINT_DEADLINES", {}) or {}
    return int(overrides.get(clock.value, RULES[clock].days))


def add(clock: Clock, start: datetime) -> datetime:
    if RULES[clock].working:
        return due_at(start, working_days=days(clock))
    return start + timedelta(days=days(clock))


def accept_due(kind: str, received_at: datetime, *, second_time: bool = False) -> datetime:
    if kind == "complaint":
        return add(Clock.SECOND_ACCEPT if second_time else Clock.COMPLAINT_ACCEPT, received_at)
    if kind == "denunciation":
        return add(Clock.DENUNCIATION_ACCEPT, received_at)
    return add(Clock.OTHER_HANDLE, received_at)


def checking_due(received_at: datetime) -> datetime:
    """A denunciation's acceptance check when it needs verifying at several places."""
    return add(Clock.DENUNCIATION_ACCEPT_CHECKING, received_at)


def second_settle_clock(*, complicated: bool, remote_area: bool) -> Clock:
    if remote_area:
        return Clock.SECOND_REMOTE_COMPLICATED if complicated else Clock.SECOND_REMOTE
    return Clock.SECOND_COMPLICATED if complicated else Clock.SECOND_SETTLE


def settle_due(
    kind: str,
    accepted_at: datetime,
    *,
    complicated: bool,
    remote_area: bool,
    second_time: bool = False,
) -> datetime | None:
    if kind == "complaint" and second_time:
        return add(
            second_settle_clock(complicated=complicated, remote_area=remote_area), accepted_at
        )
    if kind == "complaint":
        due = add(
            Clock.COMPLAINT_COMPLICATED if complicated else Clock.COMPLAINT_SETTLE, accepted_at
        )
        return add(Clock.COMPLAINT_REMOTE_EXTRA, due) if remote_area else due
    if kind == "denunciation":
        return add(Clock.DENUNCIATION_SETTLE, accepted_at)
    return None


def max_extensions(kind: str, *, complicated: bool) -> int:
    return MAX_EXTENSIONS[complicated] if kind == "denunciation" else 0
