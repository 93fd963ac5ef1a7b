"""Which units a user may read figures for, and the period asked for.

Shared by the statistics pages of the document office and of the citizens'
voice: each names the roles that may read its figures and its own error codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.core.errors import InvalidInput, NotFound
from egov.platform.organisation.models import Unit


def scopes_for(user: User, roles: Iterable[Role]) -> list[Unit]:
    """The units whose figures `user` may read through `roles`, none under another."""
    if user.is_superuser:
        return list(Unit.objects.filter(is_active=True, parent__isnull=True).order_by("path"))
    ids = Membership.objects.filter(user=user, role__in=list(roles), unit__is_active=True).values(
        "unit_id"
    )
    units = list(Unit.objects.filter(pk__in=ids).order_by("path"))
    # A unit under another of the user's units adds nothing: its figures are in.
    return [u for u in units if not any(u.path.startswith(o.path) and u != o for o in units)]


def scope_for(
    user: User, unit_id: int | None, roles: Iterable[Role], *, not_found: StrEnum
) -> Unit:
    """The unit asked for (the user's first by default), if `user` may read it."""
    roles = tuple(roles)
    if unit_id is None:
        scopes = scopes_for(user, roles)
        if scopes:
            return scopes[0]
    else:
        unit = Unit.objects.filter(pk=unit_id, is_active=True).first()
        if unit is not None and has_role_over(user, unit, roles):
            return unit
    raise NotFound(not_found, _("Không tìm thấy đơn vị để thống kê."))


def period(
    date_from: date | None, date_to: date | None, today: date, *, invalid: StrEnum
) -> tuple[date, date]:
    """This year to today by default; the start must not be after the end."""
    start = date_from or date(today.year, 1, 1)
    end = date_to or today
    if start > end:
        raise InvalidInput(invalid, _("“Từ ngày” phải trước hoặc bằng “đến ngày”."))
    return start, end
