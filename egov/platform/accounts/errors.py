"""Error codes of staff accounts and their roles.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class AccountError(StrEnum):
    # The username is already taken.
    ACCOUNT_EXISTS = "account_exists"
    # The account's fields do not validate (details name them).
    INVALID_ACCOUNT = "invalid_account"
    # The request carries no logged-in user.
    NOT_AUTHENTICATED = "not_authenticated"
    # A role in a unit was given to a citizen or business account.
    NOT_STAFF = "not_staff"
    # The actor may not administer that unit.
    PERMISSION_DENIED = "permission_denied"
