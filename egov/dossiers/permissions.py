"""Who may see a dossier and who may act on it, by unit and role."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from egov.accounts.access import has_role_over, root_paths
from egov.accounts.models import Role, User
from egov.core.errors import NotFound, PermissionDenied
from egov.dossiers.models import Dossier
from egov.organisation.models import Unit
from egov.procedures.models import ProcessStep

# Heads and leaders may act on anything their people may act on.
SUPERVISORS = (Role.HEAD, Role.LEADER)


def step_unit(dossier: Dossier, step: ProcessStep) -> Unit:
    """Where a step is worked: another agency (liên thông), a unit, or the desk."""
    return step.external_agency or step.unit or dossier.receiving_unit


def visible_dossiers(user: User | AnonymousUser) -> QuerySet[Dossier]:
    """Dossiers received, decided or held by units the user may see."""
    if not isinstance(user, User) or not user.is_active:
        return Dossier.objects.none()
    if user.is_superuser:
        return Dossier.objects.all()
    paths = root_paths(user)
    if not paths:
        return Dossier.objects.none()
    condition = Q()
    for path in paths:
        condition |= (
            Q(receiving_unit__path__startswith=path)
            | Q(agency__path__startswith=path)
            | Q(current_unit__path__startswith=path)
            | Q(consultations__unit__path__startswith=path)
        )
    return Dossier.objects.filter(condition).distinct()


def require_visible(user: User | AnonymousUser, pk: int) -> int:
    """`pk`, if `user` may see that dossier; NotFound otherwise (never reveal it exists).

    The check of `dossier_for_user` without reading the dossier, for callers
    whose service reads it anyway, under its lock.
    """
    if not visible_dossiers(user).filter(pk=pk).exists():
        raise NotFound("dossier_not_found", _("Không tìm thấy hồ sơ."))
    return pk


def require_role(user: User, unit: Unit, roles: Iterable[Role]) -> None:
    if not has_role_over(user, unit, roles):
        raise PermissionDenied(
            "permission_denied", _("Bạn không có quyền thực hiện thao tác này với hồ sơ.")
        )


def require_step_actor(user: User, dossier: Dossier, roles: Iterable[Role] | None = None) -> None:
    """The user holds the current step's role (or `roles`) where the step is worked."""
    step = dossier.current_step
    if step is None:
        raise PermissionDenied(
            "permission_denied", _("Bạn không có quyền thực hiện thao tác này với hồ sơ.")
        )
    allowed = list(roles) if roles is not None else [Role(step.role)]
    require_role(user, step_unit(dossier, step), [*allowed, *SUPERVISORS])
