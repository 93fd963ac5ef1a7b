"""What a leader chases now: late dossiers and each officer's open work.

Both look at the present, not at the report's period: a dossier is late
when it is open and its legal deadline passed before now, or before the
clock stopped for a supplement or a payment (the citizen holds it since).
Only codes, procedures, units and officers are shown: no applicant data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.timeliness import overdue_at
from egov.onestop.dossiers.transitions import OPEN_STATUSES
from egov.onestop.reports.scope import Scope
from egov.platform.workcalendar.deadlines import WorkingCalendar

LATE_SHOWN = 50


@dataclass(frozen=True)
class LateDossier:
    pk: int
    code: str
    procedure: str
    unit: str
    assignee: str
    deadline_at: datetime
    days_late: Decimal


@dataclass(frozen=True)
class Workload:
    assignee: str
    open: int
    late: int


def _open(scope: Scope) -> QuerySet[Dossier]:
    return Dossier.objects.filter(
        scope.dossiers(), status__in=OPEN_STATUSES, received_at__isnull=False
    )


def _late(now: datetime) -> Q:
    return overdue_at(now)


def late_dossiers(
    scope: Scope, now: datetime, calendar: WorkingCalendar | None = None
) -> tuple[int, list[LateDossier]]:
    """How many are late, and the latest `LATE_SHOWN` of them, most late first."""
    late = _open(scope).filter(_late(now))
    total = late.count()
    rows = list(
        late.select_related("procedure", "current_unit", "assignee").order_by("deadline_at", "pk")[
            :LATE_SHOWN
        ]
    )
    calendar = calendar or WorkingCalendar.load()
    length = calendar.office_hours.seconds_per_day
    found = []
    for dossier in rows:
        assert dossier.deadline_at is not None  # noqa: S101 - filtered on it
        until = dossier.clock_stopped_at or now
        seconds = calendar.working_seconds(dossier.deadline_at, until)
        found.append(
            LateDossier(
                pk=dossier.pk,
                code=dossier.code or "",
                procedure=dossier.procedure.name,
                unit=dossier.current_unit.name if dossier.current_unit else "",
                assignee=dossier.assignee.display_name if dossier.assignee else "",
                deadline_at=dossier.deadline_at,
                days_late=(Decimal(seconds) / length).quantize(
                    Decimal("0.1"), rounding=ROUND_HALF_UP
                ),
            )
        )
    return total, found


def workload(scope: Scope, now: datetime) -> list[Workload]:
    """Open dossiers per assignee (unassigned ones last), most loaded first."""
    rows = (
        _open(scope)
        .order_by()
        .values("assignee", "assignee__full_name", "assignee__username")
        .annotate(open=Count("pk"), late=Count("pk", filter=_late(now)))
        .order_by("-open", "assignee__full_name", "assignee")
    )
    found = [
        Workload(
            assignee=row["assignee__full_name"] or row["assignee__username"],
            open=row["open"],
            late=row["late"],
        )
        for row in rows
        if row["assignee"] is not None
    ]
    found += [
        Workload(assignee="", open=row["open"], late=row["late"])
        for row in rows
        if row["assignee"] is None
    ]
    return found
