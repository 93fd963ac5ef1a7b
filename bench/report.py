"""The province's on-time report over a year: the platform's function against
one hand-written SQL aggregate over the same rows.

The SQL counts what `egov.onestop.reports.statistics.aggregates` counts (Decision
766 rules: carried over, new by channel, resolved early/on time/late, open
within/past the deadline, refusals, withdrawals, stops, returns) with
COUNT(*) FILTER and sums the resolved dossiers' processing time (the
average's numerator), in one statement, as `dossier_statistics` does, and
selects the rows the same way a DBA would: the province's unit ids listed,
the refusals as `IN (SELECT ...)` over the partial index of refusing
hand-overs. The ratio shows what the ORM and the scope add. Runs inside the bench process
(Django set up with the bench's settings).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import connection

from egov.onestop.dossiers.models import Dossier, Handover
from egov.platform.organisation.models import Unit, UnitKind

PLAIN_SQL = """
SELECT
  COUNT(*) FILTER (WHERE d.received_at < %(start)s) AS carried_over,
  COUNT(*) FILTER (WHERE d.received_at >= %(start)s AND d.received_at < %(stop)s) AS new,
  COUNT(*) FILTER (WHERE d.received_at >= %(start)s AND d.received_at < %(stop)s
                   AND d.channel = 1) AS new_direct,
  COUNT(*) FILTER (WHERE d.received_at >= %(start)s AND d.received_at < %(stop)s
                   AND d.channel = 2) AS new_online,
  COUNT(*) FILTER (WHERE d.received_at >= %(start)s AND d.received_at < %(stop)s
                   AND d.channel = 3) AS new_postal,
  COUNT(*) FILTER (WHERE {ended}) AS resolved,
  COUNT(*) FILTER (WHERE {ended} AND d.timeliness = 'early') AS early,
  COUNT(*) FILTER (WHERE {ended} AND d.timeliness = 'on_time') AS on_time,
  COUNT(*) FILTER (WHERE {ended} AND d.timeliness = 'late') AS late,
  COUNT(*) FILTER (WHERE {open} AND d.deadline_at >= %(stop)s) AS open_within,
  COUNT(*) FILTER (WHERE {open} AND d.deadline_at < %(stop)s) AS open_past,
  COUNT(*) FILTER (WHERE d.received_at IS NOT NULL AND d.supplement_count > 0)
    AS supplement_requested,
  COUNT(*) FILTER (WHERE {ended} AND d.status = 8 AND {refused}) AS refused_in_processing,
  COUNT(*) FILTER (WHERE d.status = 3 AND d.received_at IS NULL) AS not_accepted,
  COUNT(*) FILTER (WHERE {ended} AND d.status = 7) AS withdrawn,
  COUNT(*) FILTER (WHERE {ended} AND d.status = 8 AND NOT {refused}) AS stopped,
  COUNT(*) FILTER (WHERE {ended} AND (d.status = 9
                   OR (d.status = 10 AND d.returned_at >= %(stop)s))) AS finished,
  COUNT(*) FILTER (WHERE {ended} AND d.status = 10 AND d.returned_at < %(stop)s) AS returned,
  SUM(d.processing_seconds) FILTER (WHERE {ended}) AS processing_seconds
FROM {dossier} d
WHERE (d.receiving_unit_id IN ({units}) OR d.agency_id IN ({units}))
  AND ((d.received_at < %(stop)s AND (d.ended_at IS NULL OR d.ended_at >= %(start)s))
       OR (d.status = 3 AND d.ended_at >= %(start)s AND d.ended_at < %(stop)s))
"""


def plain_sql(unit_ids: list[int]) -> str:
    quote = connection.ops.quote_name
    return PLAIN_SQL.format(
        ended=("d.received_at IS NOT NULL AND d.ended_at >= %(start)s AND d.ended_at < %(stop)s"),
        open="d.received_at IS NOT NULL AND (d.ended_at IS NULL OR d.ended_at >= %(stop)s)",
        refused=(
            f"d.id IN (SELECT h.dossier_id FROM {quote(Handover._meta.db_table)} h "  # noqa: S608
            "WHERE h.action = 'refuse')"
        ),
        dossier=quote(Dossier._meta.db_table),
        # The subtree's unit ids, as integers read from the database.
        units=",".join(str(int(pk)) for pk in unit_ids),
    )


def _timed(function: Callable[[], Any], runs: int) -> tuple[float, list[float], Any]:
    """Median seconds over `runs` after one warm-up run (whose time is returned too)."""
    started = time.perf_counter()
    result = function()
    cold = time.perf_counter() - started
    times = []
    for _i in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return cold, times, result


def measure(province_code: str, first: date, last: date, runs: int = 5) -> dict[str, Any]:
    from egov.onestop.reports.indicators.selectors import indicator_set
    from egov.onestop.reports.rollups.readers import rollup_statistics
    from egov.onestop.reports.scope import Period, Scope
    from egov.onestop.reports.statistics import (
        Counts,
        aggregates,
        average_days,
        counted,
        dossier_statistics,
    )
    from egov.platform.workcalendar.deadlines import OfficeHours

    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code=province_code)
    period = Period(first, last)
    scope = Scope(province)
    adapt = connection.ops.adapt_datetimefield_value
    params = {
        "start": adapt(period.start),
        "stop": adapt(period.stop),
    }
    units = list(Unit.objects.filter(path__startswith=province.path).values_list("pk", flat=True))
    sql = plain_sql(units)

    def raw() -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            columns = [c[0] for c in cursor.description]
            return dict(zip(columns, cursor.fetchone(), strict=True))

    full_cold, full, report = _timed(lambda: dossier_statistics(scope, period), runs)
    # Issue 20: the same report from the rollups, and the indicator set.
    rolled_cold, rolled, from_rollups = _timed(lambda: rollup_statistics(scope, period), runs)
    indicators_cold, indicators, _set = _timed(lambda: indicator_set(scope, period), runs)
    counts_cold, counts, orm_counts = _timed(
        lambda: counted(scope, period).aggregate(**aggregates(period)), runs
    )
    raw_cold, plain, raw_counts = _timed(raw, runs)
    sql_seconds = int(raw_counts.pop("processing_seconds") or 0)
    agree = {k: int(v or 0) for k, v in orm_counts.items()} == {
        k: int(v or 0) for k, v in raw_counts.items()
    } and report.counts() == Counts(**{k: int(v or 0) for k, v in raw_counts.items()})
    day = OfficeHours.parse(settings.OFFICE_HOURS).seconds_per_day
    average_agrees = report.average_days == average_days(sql_seconds, report.resolved, day)
    in_period = Dossier.objects.filter(
        received_at__gte=period.start, received_at__lt=period.stop
    ).count()
    return {
        "period": [first.isoformat(), last.isoformat()],
        "dossiers_in_database": Dossier.objects.count(),
        "dossiers_received_in_period": in_period,
        "resolved": report.resolved,
        "on_time_rate": report.on_time_rate,
        "average_days": str(report.average_days),
        "statistics_s": statistics.median(full),
        "statistics_cold_s": full_cold,
        "orm_counts_s": statistics.median(counts),
        "plain_sql_s": statistics.median(plain),
        "plain_sql_cold_s": raw_cold,
        "orm_counts_cold_s": counts_cold,
        "ratio_statistics_to_sql": statistics.median(full) / statistics.median(plain),
        "ratio_orm_counts_to_sql": statistics.median(counts) / statistics.median(plain),
        "counts_agree_with_sql": agree,
        "rollups_s": statistics.median(rolled),
        "rollups_cold_s": rolled_cold,
        "rollups_agree_with_statistics": from_rollups == report,
        "indicator_set_s": statistics.median(indicators),
        "indicator_set_cold_s": indicators_cold,
        "average_agrees_with_sql": average_agrees,
    }


def last_twelve_months(today: date) -> tuple[date, date]:
    return today - timedelta(days=365), today - timedelta(days=1)
