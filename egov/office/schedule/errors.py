"""Error codes of the leaders' weekly schedule (see egov/platform/core/errors.py)."""

from __future__ import annotations

from enum import StrEnum


class ScheduleError(StrEnum):
    # Only the unit's clerks, leaders and administrators prepare its schedule;
    # only its leaders approve and publish it.
    NOT_ALLOWED = "schedule_not_allowed"
    # No such entry, or one the user may not see.
    ENTRY_NOT_FOUND = "schedule_entry_not_found"
    # The end time is not after the start time.
    INVALID_TIME = "schedule_invalid_time"
    # A week with no entry cannot be published.
    EMPTY = "schedule_empty"
    # The week is not a valid ISO week (yyyy-Www).
    INVALID_WEEK = "schedule_invalid_week"
    # The entry was cancelled already.
    ALREADY_CANCELLED = "schedule_already_cancelled"
