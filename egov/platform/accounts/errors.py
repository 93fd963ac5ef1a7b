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
    # The one-time code (authenticator app or recovery code) does not match.
    OTP_WRONG = "otp_wrong"
    # Too many wrong one-time codes just now: wait before the next try.
    OTP_THROTTLED = "otp_throttled"
    # The page needs a session verified with a one-time code (two-factor).
    OTP_REQUIRED = "otp_required"
    # The account has two-factor authentication already; reset it first.
    OTP_ALREADY_ENROLLED = "otp_already_enrolled"
    # A role in a unit was given to a citizen or business account.
    NOT_STAFF = "not_staff"
    # The actor may not administer that unit.
    PERMISSION_DENIED = "permission_denied"
    # A unit administrator tried to change their own account or roles.
    SELF_ADMINISTRATION = "self_administration"
    # The account is not one the actor administers (or does not exist).
    ACCOUNT_NOT_FOUND = "account_not_found"
    # The role is the account's last: deactivate the account instead.
    LAST_ROLE = "last_role"
    # The account is already in the state asked for (active or deactivated).
    ACCOUNT_STATE = "account_state"
