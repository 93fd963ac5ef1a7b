"""Reads of the reception register: one line for its staff, the petitions it led to."""

from __future__ import annotations

from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import NotFound
from egov.platform.organisation.models import Unit
from egov.voice.complaints.models import Petition
from egov.voice.reception.errors import ReceptionError
from egov.voice.reception.models import Reception
from egov.voice.reception.services import RECEIVERS


def _not_found() -> NotFound:
    return NotFound(ReceptionError.NOT_FOUND, _("Không tìm thấy lượt tiếp công dân."))


def reception_for_staff(user: User, pk: int) -> Reception:
    """A line of the register, for the staff who receive citizens in its body (or above)."""
    reception = (
        Reception.objects.select_related("unit", "officer", "day__leader", "petition")
        .filter(pk=pk)
        .first()
    )
    if (
        reception is None
        or user.kind != AccountKind.STAFF
        or not has_role_over(user, reception.unit, RECEIVERS)
    ):
        raise _not_found()
    return reception


def linked_petitions(reception: Reception) -> list[Petition]:
    """The petition the reception was recorded as, then the others on the same matter.

    A repeated petition points at the first of its matter (complaints'
    `repeat_of`), so the group is the first petition and its repeats, in the
    same body.
    """
    petition = reception.petition
    if petition is None:
        return []
    first_id = petition.repeat_of_id or petition.pk
    group = Petition.objects.filter(addressed_to=reception.unit).filter(
        pk=first_id
    ) | Petition.objects.filter(addressed_to=reception.unit, repeat_of_id=first_id)
    others = [p for p in group.order_by("received_at", "pk") if p.pk != petition.pk]
    return [petition, *others]


def units_checked_by(user: User) -> list[Unit]:
    """The bodies whose reception days `user` may check: where they receive citizens."""
    if user.kind != AccountKind.STAFF:
        return []
    return list(
        Unit.objects.filter(memberships__user=user, memberships__role__in=RECEIVERS, is_active=True)
        .distinct()
        .order_by("path")
    )
