"""The deadlines of each step, in working days of the platform calendar.

Decree 20/2008/NĐ-CP (as amended by Decree 92/2017/NĐ-CP) sets the steps;
the numbers below are the national public-service portal's rules for
feedback as DOMAIN.md records them (refuse within 2 working days, handle
ready to publish within 15, publish within 2; each clock from the
submission or from the latest transfer). They could not be checked against
the decree's text here, so they are data, not code: a deployment whose
province sets shorter ones (the city hotlines do, for urgent classes)
overrides them with the VOICE_FEEDBACK_DEADLINES setting, e.g.
`{"classify": 1}`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from django.conf import settings

from egov.platform.workcalendar.deadlines import due_at


class Step(StrEnum):
    # Accept (route to a unit) or refuse, from receipt.
    CLASSIFY = "classify"
    # Answer approved and sent, from the latest routing (classification or transfer).
    ANSWER = "answer"
    # Published on the dialogue page, from the approval.
    PUBLISH = "publish"


DEFAULT_WORKING_DAYS: dict[Step, int] = {
    Step.CLASSIFY: 2,
    Step.ANSWER: 15,
    Step.PUBLISH: 2,
}


def working_days(step: Step) -> int:
    overrides: dict[str, int] = getattr(settings, "VOICE_FEEDBACK_DEADLINES", {}) or {}
    return int(overrides.get(step.value, DEFAULT_WORKING_DAYS[step]))


def deadline(step: Step, start: datetime) -> datetime:
    return due_at(start, working_days=working_days(step))
