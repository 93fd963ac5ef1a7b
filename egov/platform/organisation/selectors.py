from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from egov.platform.accounts.access import visible_units
from egov.platform.accounts.models import Membership, User
from egov.platform.core.collation import vietnamese_key
from egov.platform.core.errors import NotFound
from egov.platform.organisation.errors import OrganisationError
from egov.platform.organisation.models import Unit


def unit_for_user(user: User | AnonymousUser, unit_id: int) -> Unit:
    """The unit, if `user` may see it; otherwise NotFound (never reveal existence)."""
    unit = visible_units(user).select_related("parent").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(OrganisationError.UNIT_NOT_FOUND, _("Không tìm thấy đơn vị."))
    return unit


def ancestors(unit: Unit) -> list[Unit]:
    ids = [int(part) for part in unit.path.strip("/").split("/") if part][:-1]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def children(unit: Unit) -> list[Unit]:
    """The units directly under `unit`, by kind, then in Vietnamese alphabetical order."""
    return sorted(
        Unit.objects.filter(parent=unit),
        key=lambda child: (child.kind, vietnamese_key(child.name)),
    )


def unit_staff(unit: Unit) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__full_name", "user__username")
    )
