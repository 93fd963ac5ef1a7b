"""The citizen's profile as plain strings, to prefill forms (e-forms, portal).

Every key is always present; a missing value is "". Accounts without a
`CitizenProfile` (created by an administrator) give the account's fields and
"" for the rest.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from egov.platform.accounts.models import User
from egov.platform.citizens.models import CitizenProfile

PROFILE_KEYS = (
    "full_name",
    "date_of_birth",
    "id_number",
    "address",
    "address_unit_id",
    "phone",
    "email",
)


def profile_values(user: User | AnonymousUser) -> dict[str, str]:
    """full_name, date_of_birth (YYYY-MM-DD), id_number, address,
    address_unit_id, phone, email of `user`; all "" for an anonymous visitor."""
    values = dict.fromkeys(PROFILE_KEYS, "")
    if not isinstance(user, User):
        return values
    values.update(
        full_name=user.full_name,
        id_number=user.id_number or "",
        phone=user.phone,
        email=user.email,
    )
    profile = CitizenProfile.objects.filter(user=user).first()
    if profile is not None:
        values.update(
            date_of_birth=profile.date_of_birth.isoformat() if profile.date_of_birth else "",
            address=profile.address,
            address_unit_id=str(profile.address_unit_id) if profile.address_unit_id else "",
        )
    return values
