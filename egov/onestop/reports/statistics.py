"""Dossier statistics by the counting rules of Decision 766/QĐ-TTg (2022).

For a scope (unit, sub-units, procedure, field) and a period [start, stop):

- received = carried over (received before the period, still open at its
  start) + new (received within it), new split by channel (1 direct,
  2 online, 3 postal);
- resolved = the received dossiers whose first end event (refused, stopped,
  finished, returned, withdrawn: `Dossier.ended_at`) falls within the
  period, split early / on time / late by `Dossier.timeliness`, fixed at that
  first event by egov/onestop/dossiers/timeliness.py: the citizen's supplement time
  is subtracted (the deadline moved), a second supplement makes it late, and
  "finished" wins over "returned" (returning later does not move the end);
- in progress = the received dossiers still open at the period's end, judged
  there, or now when the period has not ended: past the deadline by the rule
  of the list of late dossiers (`timeliness.overdue_at`: the deadline runs
  until the clock stopped for the citizen), within it otherwise;
- so carried over + new = resolved + in progress, always.

The other counts: supplement requested = received dossiers with at least one
supplement request in processing; withdrawn (7), stopped (8), refused (a
processing step's refusal, status 8 with a "refuse" hand-over, plus the
dossiers not accepted at reception, status 3, which were never received and
count by the day of the refusal), finished (9, or returned after the period)
and returned (10 by the period's end) break the resolved down.

On-time rate = (early + on time) / resolved.

Average processing time = the mean, over the resolved dossiers, of the
office time between receipt and the first end event minus the office time
the clock stood still waiting for the citizen (supplements, fees and taxes,
up to the end for a dossier withdrawn or stopped while waiting; Decision
766/QĐ-TTg: citizen supplement time is subtracted, as from the deadline),
divided by the length of a working day (7.5 hours by default). That time is
fixed with the timeliness at the first end event (`Dossier.processing_seconds`
= office time to the end − `Dossier.waited_seconds`, see
egov/onestop/dossiers/timeliness.py), so the average is a SUM in the same query.

Every figure comes from one aggregate query (COUNT ... FILTER, one SUM),
never a loop over dossiers: the province's yearly report runs over a
million rows.

Limits: statuses and deadlines are today's; a period in the past is judged
with the deadline as it stands now (a supplement received after the period
has already moved it). A dossier's processing time, like its timeliness, is
counted with the calendar in force when it ended: a day off decided later
does not change it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from egov.onestop.dossiers.models import Channel, Dossier, DossierStatus, Handover, Timeliness
from egov.onestop.dossiers.timeliness import overdue_at
from egov.onestop.reports.scope import Period, Scope
from egov.platform.workcalendar.deadlines import VN_TZ, OfficeHours, WorkingCalendar

S = DossierStatus


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Counts:
    """The additive counts; a unit's total is the sum of its parts'."""

    carried_over: int = 0
    new: int = 0
    new_direct: int = 0
    new_online: int = 0
    new_postal: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    open_within: int = 0
    open_past: int = 0
    supplement_requested: int = 0
    refused_in_processing: int = 0
    not_accepted: int = 0
    withdrawn: int = 0
    stopped: int = 0
    finished: int = 0
    returned: int = 0

    @property
    def received(self) -> int:
        return self.carried_over + self.new

    @property
    def in_progress(self) -> int:
        return self.open_within + self.open_past

    @property
    def refused(self) -> int:
        return self.refused_in_processing + self.not_accepted

    @property
    def on_time_rate(self) -> float | None:
        return ratio(self.early + self.on_time, self.resolved)

    @property
    def online_share(self) -> float | None:
        return ratio(self.new_online, self.new)

    def counts(self) -> Counts:
        """Only the counts (a `DossierStatistics` without its average)."""
        return Counts(**{f.name: getattr(self, f.name) for f in fields(Counts)})

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)}
        )


@dataclass(frozen=True)
class DossierStatistics(Counts):
    # Working days, one decimal; None when nothing was resolved.
    average_days: Decimal | None = None


def counted(scope: Scope, period: Period) -> QuerySet[Dossier]:
    """The dossiers the statistics look at: received and not ended before the
    period, plus those not accepted at reception within it."""
    received = Q(received_at__lt=period.stop) & (
        Q(ended_at__isnull=True) | Q(ended_at__gte=period.start)
    )
    not_accepted = Q(status=S.NOT_ACCEPTED, ended_at__gte=period.start, ended_at__lt=period.stop)
    return Dossier.objects.filter(scope.dossiers()).filter(received | not_accepted)


def resolved(period: Period) -> Q:
    """Received dossiers whose first end event falls within the period."""
    return Q(received_at__isnull=False, ended_at__gte=period.start, ended_at__lt=period.stop)


def aggregates(period: Period) -> dict[str, Any]:
    """Count expressions over `counted(...)`, one per field of `Counts`."""
    return {name: Count("pk", filter=q) for name, q in conditions(period).items()}


def conditions(period: Period) -> dict[str, Q]:
    """The condition on `counted(...)` behind each field of `Counts` (the indicator
    set lists the dossiers behind a figure with the same conditions)."""
    start, stop = period.start, period.stop
    received = Q(received_at__isnull=False)
    new = Q(received_at__gte=start, received_at__lt=stop)
    ended = resolved(period)
    still_open = received & (Q(ended_at__isnull=True) | Q(ended_at__gte=stop))
    # Judged at the period's end, or now if it has not come: the dashboard's
    # card then counts what its list of late dossiers lists (issue 17).
    past = Q(deadline_at__isnull=False) & overdue_at(min(stop, timezone.now()))
    # A step refused it: the dossier is among the few with a "refuse" hand-over.
    # An uncorrelated IN (one scan of the partial index dossiers_handover_refuse,
    # hashed) rather than EXISTS per row: PostgreSQL can then scan the dossiers
    # with parallel workers, which a correlated EXISTS prevents (1M dossiers,
    # the province's 12 months: 0.6-0.8 s against 0.8-1.1 s; without the index
    # 1.4-1.7 s; with parallel workers off, EXISTS is the faster by ~0.3 s).
    # order_by() drops the Meta ordering, which would join the dossiers to
    # sort the hand-overs.
    refused = Q(
        pk__in=Subquery(Handover.objects.filter(action="refuse").order_by().values("dossier_id"))
    )

    return {
        "carried_over": Q(received_at__lt=start),
        "new": new,
        "new_direct": new & Q(channel=Channel.DIRECT),
        "new_online": new & Q(channel=Channel.ONLINE),
        "new_postal": new & Q(channel=Channel.POSTAL),
        "resolved": ended,
        "early": ended & Q(timeliness=Timeliness.EARLY),
        "on_time": ended & Q(timeliness=Timeliness.ON_TIME),
        "late": ended & Q(timeliness=Timeliness.LATE),
        "open_within": still_open & Q(deadline_at__isnull=False) & ~past,
        "open_past": still_open & past,
        "supplement_requested": received & Q(supplement_count__gt=0),
        "refused_in_processing": ended & Q(status=S.STOPPED) & Q(refused),
        "not_accepted": Q(status=S.NOT_ACCEPTED, received_at__isnull=True),
        "withdrawn": ended & Q(status=S.WITHDRAWN),
        "stopped": ended & Q(status=S.STOPPED) & ~Q(refused),
        "finished": (ended & (Q(status=S.FINISHED) | Q(status=S.RETURNED, returned_at__gte=stop))),
        "returned": ended & Q(status=S.RETURNED, returned_at__lt=stop),
    }


def _counts(values: dict[str, Any]) -> dict[str, int]:
    return {f.name: int(values.get(f.name) or 0) for f in fields(Counts)}


def dossier_statistics(
    scope: Scope, period: Period, calendar: WorkingCalendar | None = None
) -> DossierStatistics:
    """All the figures of a scope and period: one query (plus the subtree's ids, once per scope).

    `calendar` only gives the length of a working day (its office hours);
    the office time of each dossier was counted when it ended.
    """
    values = counted(scope, period).aggregate(
        **aggregates(period),
        processing_seconds=Sum("processing_seconds", filter=resolved(period)),
    )
    counts = _counts(values)
    hours = calendar.office_hours if calendar is not None else None
    day = (hours or OfficeHours.parse(settings.OFFICE_HOURS)).seconds_per_day
    seconds = int(values["processing_seconds"] or 0)
    average = average_days(seconds, counts["resolved"], day)
    return DossierStatistics(**counts, average_days=average)


def average_days(seconds: int, dossiers: int, day_seconds: int) -> Decimal | None:
    """Mean office time in working days, one decimal (half up); None without dossiers."""
    if not dossiers:
        return None
    average = Decimal(seconds) / Decimal(dossiers * day_seconds)
    return average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def grouped_counts(scope: Scope, period: Period, key: str) -> dict[Any, Counts]:
    """The counts per value of `key` (e.g. "procedure__field"): one query."""
    rows = (
        counted(scope, period)
        .order_by()
        .values(key)
        .annotate(**aggregates(period))
        .values(key, *aggregates(period))
    )
    return {row[key]: Counts(**_counts(row)) for row in rows}


# Trend by month --------------------------------------------------------------


@dataclass(frozen=True)
class MonthRow:
    month: date
    new: int
    new_online: int
    resolved: int
    early: int
    on_time: int
    late: int

    @property
    def on_time_rate(self) -> float | None:
        return ratio(self.early + self.on_time, self.resolved)


def monthly_trend(scope: Scope, period: Period) -> list[MonthRow]:
    """Per month of the period: new dossiers, resolved early/on time/late (two queries)."""
    base = Dossier.objects.filter(scope.dossiers()).order_by()
    month_of_receipt = TruncMonth("received_at", tzinfo=VN_TZ)
    received = {
        _month(row["month"]): row
        for row in base.filter(received_at__gte=period.start, received_at__lt=period.stop)
        .values(month=month_of_receipt)
        .annotate(n=Count("pk"), online=Count("pk", filter=Q(channel=Channel.ONLINE)))
    }
    ended = {
        _month(row["month"]): row
        for row in base.filter(
            received_at__isnull=False, ended_at__gte=period.start, ended_at__lt=period.stop
        )
        .values(month=TruncMonth("ended_at", tzinfo=VN_TZ))
        .annotate(
            n=Count("pk"),
            early=Count("pk", filter=Q(timeliness=Timeliness.EARLY)),
            on_time=Count("pk", filter=Q(timeliness=Timeliness.ON_TIME)),
            late=Count("pk", filter=Q(timeliness=Timeliness.LATE)),
        )
    }
    empty: dict[str, int] = {}
    return [
        MonthRow(
            month=month,
            new=received.get(month, empty).get("n", 0),
            new_online=received.get(month, empty).get("online", 0),
            resolved=ended.get(month, empty).get("n", 0),
            early=ended.get(month, empty).get("early", 0),
            on_time=ended.get(month, empty).get("on_time", 0),
            late=ended.get(month, empty).get("late", 0),
        )
        for month in period.months()
    ]


def _month(value: Any) -> date:
    """TruncMonth gives an aware datetime (or a date on some backends)."""
    if hasattr(value, "astimezone"):
        value = value.astimezone(VN_TZ).date()
    assert isinstance(value, date)  # noqa: S101 - TruncMonth returns one
    return value.replace(day=1)
