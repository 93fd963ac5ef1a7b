"""Early, on time or late: Decision 766/QĐ-TTg (2022) counting rules.

A dossier ends at its first end event (refused, stopped, finished, returned,
withdrawn); it is on time when that end is no later than its deadline, the
deadline having been moved by the time the citizen took to supplement. A
supplement requested more than once makes it late. "Early" is an end on a
day before the deadline's day.
"""

from __future__ import annotations

from datetime import datetime

from egov.dossiers.models import Timeliness
from egov.workcalendar.deadlines import VN_TZ


def classify(end: datetime, deadline: datetime, *, supplement_count: int = 0) -> Timeliness:
    if supplement_count > 1 or end > deadline:
        return Timeliness.LATE
    # Days are Vietnam's calendar days, whatever time zone a request activated.
    if end.astimezone(VN_TZ).date() < deadline.astimezone(VN_TZ).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
