"""Weeks as the schedule names them: ISO weeks, Monday to Sunday."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.utils.translation import gettext as _

from egov.platform.core.errors import InvalidInput

from .errors import ScheduleError

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_week(value: str | None, *, today: date) -> date:
    """The Monday of an ISO week written `2026-W49`; this week when empty."""
    if not value:
        return monday_of(today)
    match = _ISO_WEEK.match(value.strip())
    if match is None:
        raise InvalidInput(
            ScheduleError.INVALID_WEEK, _("Tuần phải có dạng năm-Wsố tuần, ví dụ 2026-W49.")
        )
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise InvalidInput(ScheduleError.INVALID_WEEK, "Năm không có tuần này.") from None


def week_param(monday: date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"
