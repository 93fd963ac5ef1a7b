"""Early, on time or late: Decision 766/QĐ-TTg (2022) counting rules.

A dossier ends at its first end event (refused, stopped, finished, returned,
withdrawn); it is on time when that end is no later than its deadline, the
deadline having been moved by the time the citizen took to supplement. A
supplement requested more than once makes it late. "Early" is an end on a
day before the deadline's day.

The same first end event fixes the dossier's processing time
(`Dossier.processing_seconds`), which the reports average: the office time
from receipt to that end, minus the office time the clock stood still
waiting for the citizen (`Dossier.waited_seconds`: supplements and fees).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Least

from egov.onestop.dossiers.models import Timeliness
from egov.platform.workcalendar.deadlines import VN_TZ, WorkingCalendar


def overdue_at(moment: datetime) -> Q:
    """Open dossiers past their deadline at `moment`: the one rule of "quá hạn".

    The deadline counts until the clock stopped for the citizen (a
    supplement, a fee: `clock_stopped_at`) when that was before `moment`;
    the citizen's time is not the agency's delay. The dashboard's card and
    its list of late dossiers both use this, so they cannot disagree.
    Combine with a filter on open (or still open) dossiers.
    """
    stopped_or_moment = Least(Coalesce(F("clock_stopped_at"), Value(moment)), Value(moment))
    return Q(deadline_at__lt=stopped_or_moment)


def classify(end: datetime, deadline: datetime, *, supplement_count: int = 0) -> Timeliness:
    if supplement_count > 1 or end > deadline:
        return Timeliness.LATE
    # Days are Vietnam's calendar days, whatever time zone a request activated.
    if end.astimezone(VN_TZ).date() < deadline.astimezone(VN_TZ).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


def processing_seconds(
    received: datetime | None,
    end: datetime,
    calendar: WorkingCalendar | None = None,
    *,
    waited: int = 0,
) -> int | None:
    """Office seconds from receipt to the first end event, minus `waited`; None if never received.

    `waited` is the office time the clock stood still waiting for the
    citizen (supplements, status 5; fees or taxes, status 6), the pause still
    running at the end included. DOMAIN: "Supplement requests stop the
    clock; the citizen's time is not counted"; Decision 766/QĐ-TTg: citizen
    supplement time is subtracted; Decree 118/2025/NĐ-CP: neither is the time
    taken to pay. Never negative (a wait counted to the microsecond may
    exceed, by a second, a span cut to whole seconds). Both moments are cut
    to the whole second, as the report's SQL did (EXTRACT(SECOND) truncates).
    """
    if received is None:
        return None
    calendar = calendar or WorkingCalendar.load()
    total = calendar.working_seconds(received.replace(microsecond=0), end.replace(microsecond=0))
    return max(total - waited, 0)
