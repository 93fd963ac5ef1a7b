"""Who may see a dossier and who may act on it, by unit and role."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import Consultation, Dossier
from egov.onestop.procedures.models import ProcessStep
from egov.platform.accounts.access import has_role_over, root_paths
from egov.platform.accounts.models import Role, User
from egov.platform.core.errors import NotFound, PermissionDenied
from egov.platform.organisation.models import Unit

# Heads and leaders may act on anything their people may act on.
SUPERVISORS = (Role.HEAD, Role.LEADER)


def step_unit(dossier: Dossier, step: ProcessStep) -> Unit:
    """Where a step is worked: another agency (liên thông), a unit, or the desk."""
    return step.external_agency or step.unit or dossier.receiving_unit


# The units whose place in the tree decides who sees a dossier (besides the
# units consulted on it): the one that received it, the one deciding it, the
# one holding it now.
_UNITS = ("receiving_unit", "agency", "current_unit")
# Their paths, as a read (values_list, only) names them.
VISIBILITY_PATHS = tuple(f"{unit}__path" for unit in _UNITS)


def _roots(user: User | AnonymousUser) -> list[str] | None:
    """The unit paths under which `user` sees dossiers; None: every dossier (superusers)."""
    if not isinstance(user, User) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    return root_paths(user)


def visible_dossiers(user: User | AnonymousUser) -> QuerySet[Dossier]:
    """Dossiers received, decided or held by units the user may see, or consulted on there."""
    roots = _roots(user)
    if roots is None:
        return Dossier.objects.all()
    if not roots:
        return Dossier.objects.none()
    condition = Q()
    for path in roots:
        for unit in (*_UNITS, "consultations__unit"):
            condition |= Q(**{f"{unit}__path__startswith": path})
    return Dossier.objects.filter(condition).distinct()


def _sees(roots: list[str], pk: int, unit_paths: Iterable[str | None]) -> bool:
    """The rule of `visible_dossiers` for one dossier whose units' paths are known.

    Checked on paths already read, so the dossier is read once and the
    consultations (rare) only when no other unit lets the user see it.
    """
    if any(path.startswith(root) for path in unit_paths if path is not None for root in roots):
        return True
    condition = Q()
    for root in roots:
        condition |= Q(unit__path__startswith=root)
    return Consultation.objects.filter(condition, dossier_id=pk).exists()


def _not_found() -> NotFound:
    return NotFound(DossierError.DOSSIER_NOT_FOUND, _("Không tìm thấy hồ sơ."))


def read_visible(user: User | AnonymousUser, dossiers: QuerySet[Dossier], pk: int) -> Dossier:
    """The dossier `pk` from `dossiers`, if `user` may see it; NotFound otherwise.

    The read joins the units that decide (select_related), so that the check
    needs no query of its own: one query for the usual case, instead of a
    DISTINCT check over the joins and then the read.
    """
    roots = _roots(user)
    if roots is not None and not roots:
        raise _not_found()
    try:
        dossier = dossiers.select_related(*_UNITS).get(pk=pk)
    except Dossier.DoesNotExist:
        raise _not_found() from None
    if roots is None:
        return dossier
    paths = [
        dossier.receiving_unit.path,
        dossier.agency.path,
        dossier.current_unit.path if dossier.current_unit is not None else None,
    ]
    if not _sees(roots, pk, paths):
        raise _not_found()
    return dossier


def can_see(user: User | AnonymousUser, pk: int) -> bool:
    """Whether dossier `pk` exists and `user` may see it, reading only its units' paths."""
    roots = _roots(user)
    if roots is not None and not roots:
        return False
    found = list(Dossier.objects.filter(pk=pk).order_by().values_list(*VISIBILITY_PATHS)[:1])
    return bool(found) and (roots is None or _sees(roots, pk, found[0]))


def require_visible(user: User | AnonymousUser, pk: int) -> int:
    """`pk`, if `user` may see that dossier; NotFound otherwise (never reveal it exists).

    The check of `dossier_for_user` without reading the dossier, for callers
    whose service reads it anyway, under its lock.
    """
    if not can_see(user, pk):
        raise _not_found()
    return pk


def require_role(user: User, unit: Unit, roles: Iterable[Role]) -> None:
    if not has_role_over(user, unit, roles):
        raise PermissionDenied(
            DossierError.PERMISSION_DENIED,
            _("Bạn không có quyền thực hiện thao tác này với hồ sơ."),
        )


def require_step_actor(user: User, dossier: Dossier, roles: Iterable[Role] | None = None) -> None:
    """The user holds the current step's role (or `roles`) where the step is worked."""
    step = dossier.current_step
    if step is None:
        raise PermissionDenied(
            DossierError.PERMISSION_DENIED,
            _("Bạn không có quyền thực hiện thao tác này với hồ sơ."),
        )
    allowed = list(roles) if roles is not None else [Role(step.role)]
    require_role(user, step_unit(dossier, step), [*allowed, *SUPERVISORS])
