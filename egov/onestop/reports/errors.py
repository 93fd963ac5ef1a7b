"""Error codes of reports.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class ReportError(StrEnum):
    # No such export for this user.
    EXPORT_NOT_FOUND = "export_not_found"
    # The officer may not enter figures for this unit.
    FIGURE_NOT_ALLOWED = "figure_not_allowed"
    # Not an indicator whose figure is entered (in the definition in force).
    FIGURE_NOT_ENTERED = "figure_not_entered"
    # The period, the counts or the source do not hold together.
    FIGURE_INVALID = "figure_invalid"
