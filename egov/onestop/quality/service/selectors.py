"""The service report of a rented platform, per unit and half year (issue 19 item 6).

Bình Thuận rents its software as a service for all its agencies; the
province hands its provider (or receives from it) a report of what was
delivered: availability and response times the platform measured itself
(egov.platform.servicelevel), the incidents, and the use made of it: the
dossiers received (the reports module's statistics, Decision 766 counts),
the documents registered (the document office's interface, counts only),
and the staff who used it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from egov.office.interfaces import RegisteredCounts, registered_counts
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import dossier_statistics
from egov.platform.organisation.models import Unit
from egov.platform.servicelevel.selectors import (
    Availability,
    Incident,
    RequestFigures,
    active_users,
    availability,
    error_incidents,
    request_figures,
)
from egov.platform.workcalendar.deadlines import VN_TZ

_HALF = re.compile(r"^(\d{4})-H([12])$")


@dataclass(frozen=True)
class HalfYear:
    year: int
    half: int  # 1: January-June, 2: July-December

    @classmethod
    def parse(cls, text: str) -> HalfYear | None:
        """ "2026-H2" → the second half of 2026; None for anything else."""
        found = _HALF.match(text)
        if found is None or not 2000 <= int(found[1]) <= 2100:
            return None
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: date) -> HalfYear:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def code(self) -> str:
        return f"{self.year}-H{self.half}"

    @property
    def first(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def last(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    def period(self, today: date) -> Period | None:
        """The half year cut at today; None when it has not begun."""
        if self.first > today:
            return None
        return Period(self.first, min(self.last, today))


@dataclass(frozen=True)
class ServiceReport:
    unit: Unit
    half: HalfYear
    period: Period
    availability: Availability
    requests: RequestFigures
    incidents: list[Incident]
    dossiers_received: int
    documents: RegisteredCounts
    users_active: int

    @property
    def error_percent(self) -> str:
        if not self.requests.count:
            return "—"
        return f"{self.requests.errors * 100 / self.requests.count:.2f}".replace(".", ",") + "%"

    @property
    def p50(self) -> str:
        return self.requests.latency.percentile_label(0.5)

    @property
    def p95(self) -> str:
        return self.requests.latency.percentile_label(0.95)


def service_report(unit: Unit, half: HalfYear, *, now: datetime | None = None) -> ServiceReport:
    """The report of `unit` (and its sub-units) for a half year that has begun."""
    now = now or timezone.now()
    period = half.period(now.astimezone(VN_TZ).date())
    if period is None:
        raise ValueError("the half year has not begun")
    up = availability(start=period.start, stop=period.stop, now=now)
    incidents = sorted(
        [*up.downtime, *error_incidents(unit, start=period.start, stop=period.stop)],
        key=lambda i: (i.start, i.kind),
    )
    return ServiceReport(
        unit=unit,
        half=half,
        period=period,
        availability=up,
        requests=request_figures(unit, start=period.start, stop=period.stop),
        incidents=incidents,
        dossiers_received=dossier_statistics(Scope(unit), period).new,
        documents=registered_counts(body_path=unit.path, first=period.first, last=period.last),
        users_active=active_users(unit, first=period.first, last=period.last),
    )
