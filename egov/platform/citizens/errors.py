"""Error codes of citizen and business accounts.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class CitizenError(StrEnum):
    # The account was deactivated by an administrator.
    ACCOUNT_LOCKED = "account_locked"
    # The SMS code is past its lifetime.
    CODE_EXPIRED = "code_expired"
    # Too many wrong SMS codes: a new one must be asked for.
    CODE_LOCKED = "code_locked"
    # No SMS code is waiting for this account.
    CODE_MISSING = "code_missing"
    # A new SMS code was asked for before the waiting time passed.
    CODE_TOO_SOON = "code_too_soon"
    # The SMS code does not match (attempts are left).
    CODE_WRONG = "code_wrong"
    # The e-mail confirmation link is past its lifetime.
    CONFIRMATION_EXPIRED = "confirmation_expired"
    # The e-mail confirmation link is forged or already used.
    CONFIRMATION_INVALID = "confirmation_invalid"
    # Another account uses this e-mail.
    EMAIL_TAKEN = "email_taken"
    # A recorded personal identification number cannot be changed by its owner.
    ID_NUMBER_FIXED = "id_number_fixed"
    # Only citizen accounts carry a personal identification number.
    ID_NUMBER_FOR_CITIZENS = "id_number_for_citizens"
    # Another account has this personal identification number.
    ID_NUMBER_TAKEN = "id_number_taken"
    # The date of birth is in the future.
    INVALID_BIRTH_DATE = "invalid_birth_date"
    # The chosen unit is not a commune, ward or special zone.
    INVALID_COMMUNE = "invalid_commune"
    # Neither an e-mail address nor a phone number.
    INVALID_CONTACT = "invalid_contact"
    # The e-mail address is malformed.
    INVALID_EMAIL = "invalid_email"
    # The personal identification number is malformed.
    INVALID_ID_NUMBER = "invalid_id_number"
    # The account kind is neither citizen nor business.
    INVALID_KIND = "invalid_kind"
    # The phone number is malformed.
    INVALID_PHONE = "invalid_phone"
    # The full name is empty.
    NAME_REQUIRED = "name_required"
    # The identity provider's token belongs to another login attempt.
    OIDC_BAD_NONCE = "oidc_bad_nonce"
    # The login callback's state is unknown or expired.
    OIDC_BAD_STATE = "oidc_bad_state"
    # The identity provider's token does not verify.
    OIDC_BAD_TOKEN = "oidc_bad_token"  # noqa: S105 - an error code, not a secret
    # The citizen refused the login at the identity provider.
    OIDC_DENIED = "oidc_denied"
    # The identity provider gave no valid personal identification number.
    OIDC_NO_ID_NUMBER = "oidc_no_id_number"
    # Electronic identification logs in citizen accounts only.
    OIDC_NOT_CITIZEN = "oidc_not_citizen"
    # The identity belongs to someone other than the account's owner.
    OIDC_OTHER_PERSON = "oidc_other_person"
    # A staff account tried the citizens' electronic identification login.
    OIDC_STAFF_ACCOUNT = "oidc_staff_account"
    # The identity provider cannot be reached (a 503, not the citizen's fault).
    OIDC_UNAVAILABLE = "oidc_unavailable"
    # The number is on an account registered by e-mail or phone, not yet verified.
    OIDC_UNVERIFIED_ACCOUNT = "oidc_unverified_account"
    # The actor may not edit this profile.
    PERMISSION_DENIED = "permission_denied"
    # Another account uses this phone number.
    PHONE_TAKEN = "phone_taken"
    # Too many confirmation or reset messages asked for one contact or from
    # one client address within the hour (a 429).
    TOO_MANY_MESSAGES = "too_many_messages"
    # The password fails the password validators (details list why).
    WEAK_PASSWORD = "weak_password"  # noqa: S105 - an error code, not a secret
