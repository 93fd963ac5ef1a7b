"""The statistics of statistics.py read from the daily rollups (facts.py, maintain.py).

For a period [first, last] (local days) and a scope, from the `DailyCount`
rows of the scope's units (receiving unit OR agency in the subtree, as
`Scope.dossiers()`; a row carries both, so a dossier counts once):

- new (by channel) = RECEIVED rows within the period;
- carried over = RECEIVED before the period − ENDED before the period (the
  received dossiers not ended when it starts);
- resolved, early/on time/late, refused, withdrawn, stopped and the
  processing time = ENDED rows within the period; returned = RETURNED rows
  handed over by the period's end of dossiers that ended within it, and
  finished = the period's status 9 or 10 ones minus those;
- supplement requested = RECEIVED by the period's end − ENDED before it,
  counting the dossiers with a supplement request;
- not accepted = NOT_ACCEPTED rows within the period;
- in progress (within the deadline / past it) is not a count of events but
  a judgement at the period's end (or now): an indexed query over the
  dossiers still open then, by the very conditions of statistics.py. For the
  current period those are the open dossiers only.

The figures equal statistics.py's (a property test and the reports tests
compare them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields
from datetime import date, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Subquery, Sum

from egov.onestop.dossiers.models import Channel, Dossier
from egov.onestop.procedures.models import OnlineClass, Procedure
from egov.onestop.reports.models import Counter, DailyCount, MonthlyCount, RollupRole
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import (
    Counts,
    DossierStatistics,
    MonthRow,
    average_days,
    conditions,
)
from egov.platform.organisation.models import Unit
from egov.platform.workcalendar.deadlines import OfficeHours, WorkingCalendar

R = RollupRole
C = TypeVar("C", bound=Counter)
# A procedure with a fee, a charge or a council-set amount (the paid_online
# indicator's fee-bearing procedures, indicators/formulas.py).
FEE_BEARING = Q(fee_vnd__gt=0) | Q(charge_vnd__gt=0) | Q(fee_set_by_council=True)
ENDED_MEASURES = ("early", "on_time", "late", "refused", "withdrawn", "stopped", "finished")


def rows(scope: Scope, model: type[C]) -> QuerySet[C]:
    """The counter rows (daily or monthly) of the scope's dossiers."""
    if scope.include_subunits:
        ids = scope.subtree_ids
        condition = Q(receiving_unit_id__in=ids) | Q(agency_id__in=ids)
    else:
        condition = Q(receiving_unit_id=scope.unit.pk) | Q(agency_id=scope.unit.pk)
    if scope.procedure is not None:
        condition &= Q(procedure_id=scope.procedure.pk)
    if scope.field is not None:
        condition &= Q(
            procedure_id__in=list(
                Procedure.objects.filter(field=scope.field).values_list("pk", flat=True)
            )
        )
    return model._default_manager.filter(condition).order_by()


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _split(low: date | None, high: date) -> tuple[Q | None, Q | None]:
    """Days [low, high) (low None: since the first day) as a condition on the
    daily rows and one on the monthly rows: the whole months from the
    monthly table, the days of the months cut by an end from the daily one."""
    month_low = None if low is None else (low if low.day == 1 else _next_month(low))
    month_high = high.replace(day=1)
    if month_low is not None and month_low >= month_high:
        return Q(day__gte=low, day__lt=high), None
    monthly = Q(day__lt=month_high)
    if month_low is not None:
        monthly &= Q(day__gte=month_low)
    daily = Q(day__gte=month_high, day__lt=high) if month_high < high else None
    if low is not None and month_low is not None and low < month_low:
        head = Q(day__gte=low, day__lt=month_low)
        daily = head if daily is None else daily | head
    return daily, monthly


# More sums for `_sums`: name → (measure, condition, days), days "within" the
# period or "by_end" (every day up to its end).
Extra = dict[str, tuple[str, Q, str]]


def _sums(period: Period, monthly: bool, extra: Extra | None = None) -> dict[str, Any]:
    """The SUM expressions over the daily (or monthly) rows, by name; a name
    whose days the table does not hold is left out (it adds 0). `extra`: more
    (measure, condition, days) sums."""
    first, after = period.first, period.last + timedelta(days=1)
    which = 1 if monthly else 0
    before = _split(None, first)[which]
    within = _split(first, after)[which]
    by_end = _split(None, after)[which]
    wanted: dict[str, tuple[str, Q, Q | None]] = {
        "received_before": ("dossiers", Q(role=R.RECEIVED), before),
        "ended_before": ("dossiers", Q(role=R.ENDED), before),
        "new": ("dossiers", Q(role=R.RECEIVED), within),
        "new_direct": ("dossiers", Q(role=R.RECEIVED, channel=Channel.DIRECT), within),
        "new_online": ("dossiers", Q(role=R.RECEIVED, channel=Channel.ONLINE), within),
        "new_postal": ("dossiers", Q(role=R.RECEIVED, channel=Channel.POSTAL), within),
        "supplemented_received": ("supplemented", Q(role=R.RECEIVED), by_end),
        "supplemented_ended": ("supplemented", Q(role=R.ENDED), before),
        "not_accepted": ("dossiers", Q(role=R.NOT_ACCEPTED), within),
        # Handed over by the period's end, of the dossiers that ended within it.
        "returned": (
            "dossiers",
            Q(role=R.RETURNED, end_day__gte=first, end_day__lt=after),
            by_end,
        ),
        "resolved": ("dossiers", Q(role=R.ENDED), within),
    }
    for measure in (*ENDED_MEASURES, "processing_seconds"):
        wanted[measure] = (measure, Q(role=R.ENDED), within)
    for name, (measure, condition, days) in (extra or {}).items():
        wanted[name] = (measure, condition, within if days == "within" else by_end)
    return {
        name: Sum(measure, filter=role & days, default=0)
        for name, (measure, role, days) in wanted.items()
        if days is not None
    }


def _days(period: Period, monthly: bool) -> Q:
    """Every day (or month) any sum of `_sums` reads: the WHERE that lets the
    daily query read only the days of the period's cut months."""
    first, after = period.first, period.last + timedelta(days=1)
    which = 1 if monthly else 0
    parts = [
        _split(low, high)[which] for low, high in ((None, first), (first, after), (None, after))
    ]
    found = Q(pk__in=[])
    for part in parts:
        if part is not None:
            found |= part
    return found


def _both(scope: Scope, period: Period, extra: Extra | None = None) -> dict[str, int]:
    """The sums over the daily and the monthly rows, added up (two queries)."""
    total: dict[str, int] = defaultdict(int)
    for model, monthly in ((DailyCount, False), (MonthlyCount, True)):
        sums = _sums(period, monthly, extra)
        if sums:
            chosen = rows(scope, model).filter(_days(period, monthly))
            for name, value in chosen.aggregate(**sums).items():
                total[name] += int(value or 0)
    return total


def _counts(values: dict[str, Any], open_within: int = 0, open_past: int = 0) -> Counts:
    v: dict[str, int] = defaultdict(int, {k: int(x or 0) for k, x in values.items()})
    return Counts(
        carried_over=v["received_before"] - v["ended_before"],
        new=v["new"],
        new_direct=v["new_direct"],
        new_online=v["new_online"],
        new_postal=v["new_postal"],
        resolved=v["resolved"],
        early=v["early"],
        on_time=v["on_time"],
        late=v["late"],
        open_within=open_within,
        open_past=open_past,
        supplement_requested=v["supplemented_received"] - v["supplemented_ended"],
        refused_in_processing=v["refused"],
        not_accepted=v["not_accepted"],
        withdrawn=v["withdrawn"],
        stopped=v["stopped"],
        finished=v["finished"] - v["returned"],
        returned=v["returned"],
    )


def open_at_end(scope: Scope, period: Period) -> QuerySet[Dossier]:
    """The scope's dossiers received and still open at the period's end (indexed:
    `ended_at` IS NULL or after the end)."""
    return (
        Dossier.objects.filter(scope.dossiers())
        .filter(received_at__lt=period.stop)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=period.stop))
        .order_by()
    )


def _open_aggregates(period: Period) -> dict[str, Count]:
    judged = conditions(period)
    return {name: Count("pk", filter=judged[name]) for name in ("open_within", "open_past")}


def indicator_figures(scope: Scope, period: Period) -> dict[str, int]:
    """The counts the indicator set (indicators/rolled.py) takes from the rollups
    and the open dossiers: the period's ended figures, its new dossiers in all,
    of fully online procedures (and of those, online), of fee-bearing
    procedures (and of those, paid online), of the others asked an amount
    (and of those, paid), digitised, the results with their file, the
    digitised ones issued without it by the period's end, the disliked ones
    received or processed, and the dossiers open at its end: within / past
    the deadline and all of them (three queries; the procedures are
    sub-queries)."""
    full = Procedure.objects.filter(online_class=OnlineClass.FULL).order_by().values("pk")
    fee = Procedure.objects.filter(FEE_BEARING).order_by().values("pk")
    received = Q(role=R.RECEIVED)
    fee_bearing = Q(procedure_id__in=Subquery(fee))
    after = period.last + timedelta(days=1)
    extra: Extra = {
        "new_full": ("dossiers", received & Q(procedure_id__in=Subquery(full)), "within"),
        "new_full_online": (
            "dossiers",
            received & Q(channel=Channel.ONLINE, procedure_id__in=Subquery(full)),
            "within",
        ),
        "new_fee": ("dossiers", received & fee_bearing, "within"),
        "paid_fee": ("paid", received & fee_bearing, "within"),
        "asked_other": ("amount_asked", received & ~fee_bearing, "within"),
        "paid_asked_other": ("paid_asked", received & ~fee_bearing, "within"),
        "digitised": ("digitised", received, "within"),
        "with_result_file": ("with_result_file", Q(role=R.ENDED), "within"),
        # Received in the period, ended before its end.
        "issued_unfiled": ("dossiers", Q(role=R.ISSUED_UNFILED, end_day__lt=after), "within"),
        # Disliked and received by its end, not ended before its start.
        "disliked": ("dossiers", Q(role=R.DISLIKED, end_day__gte=period.first), "by_end"),
        # Synchronised by its end, received by it, not ended before its start;
        # and of those, late by a row already sent (facts.sync_late).
        "synced": ("dossiers", Q(role=R.SYNCED, end_day__gte=period.first), "by_end"),
        "sync_late": ("dossiers", Q(role=R.SYNC_LATE, end_day__gte=period.first), "by_end"),
    }
    values = dict(_both(scope, period, extra))
    values.update(
        open_at_end(scope, period).aggregate(**_open_aggregates(period), open_all=Count("pk"))
    )
    return defaultdict(int, {name: int(value or 0) for name, value in values.items()})


def rollup_statistics(
    scope: Scope, period: Period, calendar: WorkingCalendar | None = None
) -> DossierStatistics:
    """`statistics.dossier_statistics` from the rollups: three queries."""
    values = _both(scope, period)
    open_now = open_at_end(scope, period).aggregate(**_open_aggregates(period))
    counts = _counts(values, open_now["open_within"], open_now["open_past"])
    hours = calendar.office_hours if calendar is not None else None
    day = (hours or OfficeHours.parse(settings.OFFICE_HOURS)).seconds_per_day
    average = average_days(int(values["processing_seconds"] or 0), counts.resolved, day)
    return DossierStatistics(
        **{f.name: getattr(counts, f.name) for f in fields(Counts)}, average_days=average
    )


def _grouped(scope: Scope, period: Period, column: str) -> dict[int, Counts]:
    """Counts per id of `column` (a key column of the counters and of `Dossier`), 0 for none."""
    by_rows: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for model, monthly in ((DailyCount, False), (MonthlyCount, True)):
        sums = _sums(period, monthly)
        chosen = rows(scope, model).filter(_days(period, monthly))
        for row in chosen.values(column).annotate(**sums).values(column, *sums):
            total = by_rows[int(row[column])]
            for name in sums:
                total[name] += int(row[name] or 0)
    by_open = {
        int(row[column] or 0): row
        for row in open_at_end(scope, period)
        .values(column)
        .annotate(**_open_aggregates(period))
        .values(column, "open_within", "open_past")
    }
    found = {}
    for key in by_rows.keys() | by_open.keys():
        o = by_open.get(key, {})
        c = _counts(by_rows.get(key, {}), o.get("open_within", 0), o.get("open_past", 0))
        if c != Counts():
            found[key] = c
    return found


def counts_by_agency_path(scope: Scope, period: Period) -> dict[str | None, Counts]:
    """`grouped_counts(scope, period, "agency__path")` from the rollups."""
    grouped = _grouped(scope, period, "agency_id")
    paths = dict(Unit.objects.filter(pk__in=list(grouped)).values_list("pk", "path"))
    return {paths.get(pk): c for pk, c in grouped.items()}


def counts_by_field_name(scope: Scope, period: Period) -> dict[str | None, Counts]:
    """`grouped_counts(scope, period, "procedure__field__name")` from the rollups."""
    grouped = _grouped(scope, period, "procedure_id")
    names = dict(Procedure.objects.filter(pk__in=list(grouped)).values_list("pk", "field__name"))
    found: dict[str | None, Counts] = defaultdict(Counts)
    for pk, c in grouped.items():
        found[names.get(pk)] = found[names.get(pk)] + c
    return dict(found)


def rollup_trend(scope: Scope, period: Period) -> list[MonthRow]:
    """`statistics.monthly_trend` from the rollups: whole months from the monthly
    rows, the months cut by the period's ends from the daily ones (two queries)."""
    daily, monthly = _split(period.first, period.last + timedelta(days=1))
    months: dict[tuple[date, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for model, days in ((DailyCount, daily), (MonthlyCount, monthly)):
        if days is None:
            continue
        per_day = (
            rows(scope, model)
            .filter(days, role__in=(R.RECEIVED, R.ENDED))
            .values("day", "role")
            .annotate(
                n=Sum("dossiers"),
                online=Sum("dossiers", filter=Q(channel=Channel.ONLINE), default=0),
                early=Sum("early"),
                on_time=Sum("on_time"),
                late=Sum("late"),
            )
        )
        for row in per_day:
            bucket = months[(row["day"].replace(day=1), int(row["role"]))]
            for name in ("n", "online", "early", "on_time", "late"):
                bucket[name] += int(row[name] or 0)
    result = []
    for month in period.months():
        got, ended = months.get((month, R.RECEIVED), {}), months.get((month, R.ENDED), {})
        result.append(
            MonthRow(
                month=month,
                new=got.get("n", 0),
                new_online=got.get("online", 0),
                resolved=ended.get("n", 0),
                early=ended.get("early", 0),
                on_time=ended.get("on_time", 0),
                late=ended.get("late", 0),
            )
        )
    return result
