"""Reads about citizen and business accounts."""

from __future__ import annotations

from django.db.models import QuerySet

from egov.platform.accounts.models import AccountKind, User
from egov.platform.citizens.contacts import Contact
from egov.platform.organisation.models import Unit, UnitKind

PUBLIC_KINDS = (AccountKind.CITIZEN, AccountKind.BUSINESS)


def _by_contact(contact: Contact) -> QuerySet[User]:
    accounts = User.objects.filter(kind__in=PUBLIC_KINDS).select_related("citizen_profile")
    if contact.kind == "email":
        return accounts.filter(email__iexact=contact.value)
    return accounts.filter(phone=contact.value)


def accounts_by_contact(contact: Contact) -> QuerySet[User]:
    """Every citizen or business account using this e-mail or phone, confirmed or not."""
    return _by_contact(contact)


def contact_taken(contact: Contact, *, exclude: User | None = None) -> bool:
    """Another citizen or business account already uses this e-mail or phone."""
    accounts = _by_contact(contact)
    if exclude is not None:
        accounts = accounts.exclude(pk=exclude.pk)
    return accounts.exists()


def account_by_contact(contact: Contact, *, confirmed_only: bool = True) -> User | None:
    """The one citizen or business account using this contact, or None.

    With `confirmed_only`, a registered account matches only through an
    address it has confirmed; an account without a profile (entered by an
    administrator) matches through what was entered. Two accounts sharing an
    address (possible only for accounts entered by hand) match neither.
    """
    matches = list(_by_contact(contact)[:2])
    if len(matches) != 1:
        return None
    user = matches[0]
    if confirmed_only and not contact_confirmed(user, contact.kind):
        return None
    return user


def contact_confirmed(user: User, kind: str) -> bool:
    profile = getattr(user, "citizen_profile", None)
    if profile is None:
        return True
    confirmed = profile.email_confirmed_at if kind == "email" else profile.phone_confirmed_at
    return confirmed is not None


def communes() -> QuerySet[Unit]:
    """The communes of every province, for the address select."""
    return (
        Unit.objects.filter(kind=UnitKind.COMMUNE, is_active=True)
        .select_related("parent")
        .order_by("parent__name", "name")
    )


def commune_by_id(unit_id: int) -> Unit | None:
    return communes().filter(pk=unit_id).first()
