"""Helpers shared by the desk's pages."""

from __future__ import annotations

from django.db.models import Q

from egov.platform.accounts.models import Membership, Role, User
from egov.platform.organisation.models import Unit, UnitKind


def reception_centres(user: User) -> list[Unit]:
    """Service centres where `user` holds the reception role (or above them)."""
    centres = Unit.objects.filter(kind=UnitKind.SERVICE_CENTRE, is_active=True)
    if not user.is_superuser:
        paths = list(
            Membership.objects.filter(
                user=user, role=Role.RECEPTION, unit__is_active=True
            ).values_list("unit__path", flat=True)
        )
        if not paths:
            return []
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        centres = centres.filter(condition)
    return list(centres.order_by("path"))
