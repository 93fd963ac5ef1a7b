"""Error codes of the national-portal sync.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class PortalSyncError(StrEnum):
    # Only a system administrator may resend sync events.
    RESEND_NOT_ALLOWED = "resend_not_allowed"
