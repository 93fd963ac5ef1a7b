"""Reads: the register a member of staff sees, one petition, a citizen's own, the figures.

None of these return a petitioner's identity for display; the register
rows carry `shown_name` (identity.py), masked for every denunciation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.core.errors import NotFound
from egov.platform.organisation.models import Unit
from egov.voice.complaints import access, identity, services
from egov.voice.complaints.errors import ComplaintError
from egov.voice.complaints.models import OPEN_STATUSES, Kind, Petition, Status


def register(user: User) -> QuerySet[Petition]:
    """The petitions sent to the bodies where `user` holds a staff role."""
    paths = [
        unit.path
        for unit in Unit.objects.filter(
            memberships__user=user, memberships__role__in=access.STAFF_ROLES, is_active=True
        )
    ]
    if user.is_superuser:
        return Petition.objects.select_related("addressed_to")
    if not paths:
        return Petition.objects.none()
    query = Q()
    for path in paths:
        query |= Q(addressed_to__path__startswith=path)
    return Petition.objects.filter(query).select_related("addressed_to")


def petition_for_staff(user: User, pk: int) -> Petition:
    petition = Petition.objects.select_related("addressed_to", "repeat_of").filter(pk=pk).first()
    if petition is None or not access.may_see(user, petition):
        raise NotFound(ComplaintError.NOT_FOUND, _("Không tìm thấy đơn."))
    return petition


def own(user: User) -> QuerySet[Petition]:
    return Petition.objects.filter(account=user).select_related("addressed_to")


@dataclass(frozen=True)
class Row:
    """One line of the register as lists and exports show it."""

    petition: Petition
    petitioner: str
    late: bool


def rows(petitions: QuerySet[Petition] | list[Petition]) -> list[Row]:
    return [
        Row(petition=p, petitioner=identity.shown_name(p), late=services.is_late(p))
        for p in petitions
    ]


def counts(items: list[Petition]) -> dict[str, int]:
    """Counts of `items` (received, by kind, within competence, settled, on time).

    Counts only: no figure names a petitioner.
    """
    settled = [p for p in items if p.status in (Status.DECIDED, Status.CLOSED)]
    result = {
        "received": len(items),
        "within_competence": sum(1 for p in items if p.within_competence),
        "accepted": sum(1 for p in items if p.accepted_at is not None),
        "forwarded": sum(1 for p in items if p.status == Status.FORWARDED),
        "filed": sum(1 for p in items if p.status == Status.FILED),
        "open": sum(1 for p in items if p.status in OPEN_STATUSES),
        "settled": len(settled),
        "settled_on_time": sum(1 for p in settled if not services.is_late(p)),
        "late": sum(1 for p in items if services.is_late(p)),
    }
    for kind in Kind:
        result[kind.value] = sum(1 for p in items if p.kind == kind)
    return result


def figures(unit: Unit, start: datetime, end: datetime) -> dict[str, int]:
    """Counts per unit and period (see `counts`)."""
    return counts(
        list(
            Petition.objects.filter(
                addressed_to__path__startswith=unit.path,
                received_at__gte=start,
                received_at__lt=end,
            )
        )
    )
