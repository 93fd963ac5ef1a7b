"""The statutory working calendar, before any decision entered in the platform.

Working days are Monday-Friday (the weekly rest of Labour Code 2019 art. 111)
minus the public holidays of art. 112, plus the weekend days the `holidays`
library already knows as make-up working days. Each year's official decision (CalendarDay rows in
models.py) overrides this baseline; deadlines.py combines the two, and
models.py checks a decision's day against it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _baseline(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


def baseline_is_working_day(day: date) -> bool:
    """The statutory calendar before any decision entered in the platform."""
    hol = _baseline(day.year)
    if day in hol.weekend_workdays:
        return True
    return day.weekday() < 5 and day not in hol
