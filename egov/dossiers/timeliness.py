"""Early, on time or late: Decision 766/QĐ-TTg (2022) counting rules.

A dossier ends at its first end event (refused, stopped, finished, returned,
withdrawn); it is on time when that end is no later than its deadline, the
deadline having been moved by the time the citizen took to supplement. A
supplement requested more than once makes it late. "Early" is an end on a
day before the deadline's day.

The same first end event fixes the dossier's processing time
(`Dossier.processing_seconds`), which the reports average: the office time
from receipt to that end.
"""

from __future__ import annotations

from datetime import datetime

from egov.dossiers.models import Timeliness
from egov.workcalendar.deadlines import VN_TZ, WorkingCalendar


def classify(end: datetime, deadline: datetime, *, supplement_count: int = 0) -> Timeliness:
    if supplement_count > 1 or end > deadline:
        return Timeliness.LATE
    # Days are Vietnam's calendar days, whatever time zone a request activated.
    if end.astimezone(VN_TZ).date() < deadline.astimezone(VN_TZ).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


def processing_seconds(
    received: datetime | None, end: datetime, calendar: WorkingCalendar | None = None
) -> int | None:
    """Office seconds from receipt to the first end event; None if never received.

    Nothing is subtracted: the time the dossier waited for the citizen (a
    supplement, a fee) counts, as the average processing time of the
    statistics has always counted it. Both moments are cut to the whole
    second, as the report's SQL did (EXTRACT(SECOND) truncates), so the
    stored value gives exactly the averages computed before it existed.
    """
    if received is None:
        return None
    calendar = calendar or WorkingCalendar.load()
    return calendar.working_seconds(received.replace(microsecond=0), end.replace(microsecond=0))
