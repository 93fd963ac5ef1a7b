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
