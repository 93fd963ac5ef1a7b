"""Error codes of in-site notifications.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class NotificationError(StrEnum):
    # No such notification for this user.
    NOTIFICATION_NOT_FOUND = "notification_not_found"
    # Only system administrators may send an e-mail again.
    RESEND_NOT_ALLOWED = "email_resend_not_allowed"
