"""The trend chart's month labels follow the language of the request."""

from __future__ import annotations

import re
from datetime import date

from django.utils import translation

from egov.onestop.reports.charts import trend_chart
from egov.onestop.reports.statistics import MonthRow


def _row(month: date) -> MonthRow:
    return MonthRow(month=month, new=3, new_online=1, resolved=2, early=1, on_time=1, late=0)


def _axis_labels(svg: str) -> list[str]:
    return re.findall(r'class="axis">([^<]*)</text>', svg)


def test_month_labels_in_vietnamese_and_in_english() -> None:
    rows = [_row(date(2026, 11, 1)), _row(date(2026, 12, 1)), _row(date(2027, 1, 1))]
    with translation.override("vi"):
        vietnamese = _axis_labels(trend_chart(rows))
    with translation.override("en"):
        english = _axis_labels(trend_chart(rows))
    # The scale's five ticks come first, then one label per month.
    assert vietnamese[-3:] == ["T11", "T12", "T1"]
    assert english[-3:] == ["Nov", "Dec", "Jan"]
