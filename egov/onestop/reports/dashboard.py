"""Everything the leader's dashboard shows, computed once for the page and the exports.

The page (views.py) and the background export (tasks.py) both build the
report here, so a downloaded file always holds the figures of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from egov.onestop.reports import charts
from egov.onestop.reports.chase import late_dossiers, workload
from egov.onestop.reports.indicators.scoring import IndicatorSet
from egov.onestop.reports.indicators.selectors import indicator_set
from egov.onestop.reports.rollups.readers import rollup_statistics, rollup_trend
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import DossierStatistics, MonthRow
from egov.onestop.reports.tables import (
    Table,
    indicator_table,
    late_table,
    summary_table,
    trend_table,
    workload_table,
)
from egov.platform.workcalendar.deadlines import WorkingCalendar

# The dashboard's tables, in the order of the page and of the XLSX sheets.
TABLE_KEYS = ("so-lieu", "chi-so", "theo-thang", "qua-han", "cong-viec")


@dataclass(frozen=True)
class DashboardReport:
    stats: DossierStatistics
    indicators: IndicatorSet
    trend: list[MonthRow]
    tables: list[Table]
    chart: SafeString
    heading: str
    subtitle: str

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def period_text(period: Period) -> str:
    return _("Từ %(first)s đến %(last)s") % {
        "first": f"{period.first:%d/%m/%Y}",
        "last": f"{period.last:%d/%m/%Y}",
    }


def heading(scope: Scope) -> str:
    if scope.include_subunits:
        return scope.unit.name
    return _("%(unit)s (không gồm đơn vị trực thuộc)") % {"unit": scope.unit.name}


def export_filename(scope: Scope, period: Period) -> str:
    return f"thong-ke-{scope.unit.pk}-{period.first:%Y%m%d}-{period.last:%Y%m%d}"


def build_dashboard(
    scope: Scope, period: Period, *, now: datetime, calendar: WorkingCalendar
) -> DashboardReport:
    stats = rollup_statistics(scope, period, calendar)
    indicators = indicator_set(scope, period, now=now)
    trend = rollup_trend(scope, period)
    late_total, late = late_dossiers(scope, now, calendar)
    loads = workload(scope, now)
    tables = [
        summary_table(stats),
        indicator_table(indicators),
        trend_table(trend),
        late_table(late_total, late),
        workload_table(loads),
    ]
    return DashboardReport(
        stats=stats,
        indicators=indicators,
        trend=trend,
        tables=tables,
        chart=charts.trend_chart(trend),
        heading=heading(scope),
        subtitle=period_text(period),
    )
