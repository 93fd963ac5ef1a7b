"""The error codes of complaints and denunciations.

Stable: API clients and the tests rely on the values; add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class ComplaintError(StrEnum):
    PERMISSION_DENIED = "complaints_permission_denied"
    NOT_FOUND = "complaints_petition_not_found"
    INVALID_FIELD = "complaints_invalid_field"
    STATE_NOT_ALLOWED = "complaints_state_not_allowed"
    REASON_REQUIRED = "complaints_reason_required"
    NOT_A_HANDLER = "complaints_not_a_handler"
    NO_MORE_EXTENSIONS = "complaints_no_more_extensions"
    UNKNOWN_NOTICE = "complaints_unknown_notice"
    SECOND_TIME_TOO_LATE = "complaints_second_time_too_late"
