"""Who may see a dossier and who may act on it, by unit and role."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import Consultation, Dossier, DossierStatus
from egov.onestop.procedures.models import ProcessStep
from egov.platform.accounts.access import has_role_over, memberships, root_paths
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


class StageUnit(StrEnum):
    # Where the current step is worked (`step_unit`).
    STEP = "step"
    # The centre that received the dossier.
    RECEIVING = "receiving"
    # The unit holding the dossier now, or the centre when none holds it.
    HOLDING = "holding"


@dataclass(frozen=True)
class Stage:
    """Who works a dossier in one status: one of `roles` over `unit`."""

    unit: StageUnit
    roles: tuple[Role, ...]
    # The current step's own role works it too (besides `roles`).
    step_role: bool = False


# The one rule of who acts on a dossier now, read by the action panel
# (actions.py), `may_act` and the inboxes (`acting_condition`), so that a
# person offered an action finds the dossier in "Cần xử lý", and nobody else
# does. The services check the same roles and units under their row lock
# (reception.py, pauses.py, processing.py, ending.py); the panel's tests hold
# the panel to them, and egov/tools/synthetic/tests/test_inbox_coverage.py
# the inboxes to the panel.
STAGES: dict[int, Stage] = {
    # Reception checks a registered dossier: accept, ask for more, or refuse.
    DossierStatus.NEW: Stage(StageUnit.RECEIVING, (Role.RECEPTION,)),
    # The step's role where the step is worked; heads and leaders above it.
    DossierStatus.ACCEPTED: Stage(StageUnit.STEP, SUPERVISORS, step_role=True),
    DossierStatus.PROCESSING: Stage(StageUnit.STEP, SUPERVISORS, step_role=True),
    # The supplement is received at the centre.
    DossierStatus.SUPPLEMENT: Stage(StageUnit.RECEIVING, (Role.RECEPTION, Role.SPECIALIST)),
    # The payment is confirmed where the dossier waits.
    DossierStatus.FINANCIAL: Stage(StageUnit.HOLDING, (Role.RECEPTION, Role.SPECIALIST)),
    # The result is handed over at the centre.
    DossierStatus.FINISHED: Stage(StageUnit.RECEIVING, (Role.RECEPTION,)),
}


def stage_unit(dossier: Dossier) -> Unit | None:
    """The unit whose people act on `dossier` now; None: nobody (ended, or no step)."""
    stage = STAGES.get(dossier.status)
    if stage is None:
        return None
    if stage.unit == StageUnit.STEP:
        step = dossier.current_step
        return None if step is None else step_unit(dossier, step)
    if stage.unit == StageUnit.HOLDING:
        return dossier.current_unit or dossier.receiving_unit
    return dossier.receiving_unit


def stage_roles(dossier: Dossier) -> list[Role]:
    """The roles that act on `dossier` now (over `stage_unit`)."""
    stage = STAGES.get(dossier.status)
    if stage is None:
        return []
    roles = list(stage.roles)
    if stage.step_role and dossier.current_step is not None:
        roles.insert(0, Role(dossier.current_step.role))
    return roles


def may_act(user: User | AnonymousUser, dossier: Dossier) -> bool:
    """Whether `user` works `dossier` at its present stage (status and step).

    A step claimed by someone else is theirs: only they, or a head or leader
    over the step's unit, act on it (`_require_holder` in the services).
    """
    unit = stage_unit(dossier)
    if unit is None:
        return False
    stage = STAGES[dossier.status]
    roles = stage_roles(dossier)
    if stage.step_role and dossier.assignee_id not in (None, user.pk):
        roles = list(SUPERVISORS)
    return has_role_over(user, unit, roles)


def _stage_unit_under(unit: StageUnit, path: str) -> Q:
    """`stage_unit` of the dossier is `path` or below it, as a filter."""
    if unit == StageUnit.RECEIVING:
        return Q(receiving_unit__path__startswith=path)
    if unit == StageUnit.HOLDING:
        return Q(current_unit__path__startswith=path) | Q(
            current_unit__isnull=True, receiving_unit__path__startswith=path
        )
    # step_unit(): another agency, else the step's unit, else the centre.
    return (
        Q(current_step__external_agency__path__startswith=path)
        | Q(
            current_step__external_agency__isnull=True,
            current_step__unit__path__startswith=path,
        )
        | Q(
            current_step__external_agency__isnull=True,
            current_step__unit__isnull=True,
            receiving_unit__path__startswith=path,
        )
    )


def acting_condition(user: User) -> Q:
    """`may_act(user, dossier)` as a filter on dossiers, for the inboxes.

    Built from `STAGES` and the user's memberships (a role over a unit's
    subtree, as `has_role_over` decides), so the two cannot disagree.
    """
    if not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q(status__in=list(STAGES)) & ~Q(
            status__in=[s for s, g in STAGES.items() if g.unit == StageUnit.STEP],
            current_step__isnull=True,
        )
    condition = Q(pk__in=[])
    pairs = memberships(user)
    for status, stage in STAGES.items():
        for path, role in pairs:
            if role in stage.roles:
                roled = Q()
            elif stage.step_role:
                # The step's role, unless someone else claimed the step.
                roled = Q(current_step__role=role) & (Q(assignee__isnull=True) | Q(assignee=user))
            else:
                continue
            placed = _stage_unit_under(stage.unit, path)
            if stage.unit == StageUnit.STEP:
                placed &= Q(current_step__isnull=False)
            condition |= Q(status=status) & roled & placed
    return condition
