"""Error codes of the working calendar.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class CalendarError(StrEnum):
    # Neither or both of working days and working hours were given.
    DURATION_REQUIRED = "duration_required"
    # The duration, or the deadline it gives, is beyond the calendar's years.
    DURATION_TOO_LONG = "duration_too_long"
    # The duration is not a number.
    INVALID_DURATION = "invalid_duration"
    # The start moment is not ISO 8601, or outside the calendar's years.
    INVALID_START = "invalid_start"
    # The start moment has no time zone.
    NAIVE_DATETIME = "naive_datetime"
    # The duration is negative.
    NEGATIVE_DURATION = "negative_duration"
