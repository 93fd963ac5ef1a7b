"""Which actions a user can take on a dossier now, for the action panel.

This mirrors the checks in `egov.onestop.dossiers.services` with the same permission
helpers, so the page offers only buttons that will work. It is a convenience,
never a safeguard: every service re-checks under the row lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from egov.onestop.dossiers.models import Consultation, Dossier, DossierStatus
from egov.onestop.dossiers.permissions import SUPERVISORS, may_act, step_unit
from egov.onestop.dossiers.transitions import OPEN_STATUSES
from egov.onestop.payments.paid import dossier_paid
from egov.onestop.procedures.models import StepAction, StepTransition
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.organisation.models import Unit

MOVES = (StepAction.FORWARD, StepAction.APPROVE, StepAction.RETURN)


@dataclass(frozen=True)
class MoveOption:
    """One way out of the current step: forward, approve or return."""

    action: str
    target_id: int
    target_name: str


@dataclass(frozen=True)
class Actions:
    names: frozenset[str] = frozenset()
    moves: tuple[MoveOption, ...] = ()
    assignees: tuple[User, ...] = ()
    consultable_units: tuple[Unit, ...] = ()
    answerable: tuple[Consultation, ...] = field(default_factory=tuple)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def move_groups(self) -> list[tuple[str, str, list[MoveOption]]]:
        """(action, label, targets) for each moving action offered, in a fixed order."""
        groups = []
        for action in MOVES:
            options = [m for m in self.moves if m.action == action]
            if options:
                groups.append((action.value, str(action.label), options))
        return groups


def _may(user: User, unit: Unit, roles: Iterable[Role]) -> bool:
    return has_role_over(user, unit, roles)


def _transition_roles(transition: StepTransition, step_role: str) -> list[Role]:
    roles = [Role(r) for r in transition.roles] or [Role(step_role)]
    return [*roles, *SUPERVISORS]


def _open_step_actions(user: User, dossier: Dossier, names: set[str]) -> list[MoveOption]:
    step = dossier.current_step
    if step is None or dossier.status not in (DossierStatus.ACCEPTED, DossierStatus.PROCESSING):
        return []
    unit = step_unit(dossier, step)
    step_actor = _may(user, unit, [Role(step.role), *SUPERVISORS])
    supervisor = _may(user, unit, SUPERVISORS)
    holder = dossier.assignee_id in (None, user.pk) or supervisor
    if step_actor and dossier.assignee_id is None:
        names.add("claim")
    if supervisor:
        names.add("assign")
    if step_actor:
        names.add("consult")
        # A paid dossier is not asked to pay again (request_payment refuses).
        if not dossier_paid(dossier.pk):
            names.add("payment")
    moves: list[MoveOption] = []
    transitions = StepTransition.objects.filter(step=step).select_related("target")
    for transition in transitions:
        if not _may(user, unit, _transition_roles(transition, step.role)):
            continue
        if transition.action in MOVES and transition.target is not None and holder:
            moves.append(
                MoveOption(transition.action, transition.target.pk, transition.target.name)
            )
            names.add(transition.action)
        elif transition.action == StepAction.SUPPLEMENT:
            names.add("supplement")
        elif transition.action == StepAction.REFUSE:
            names.add("refuse")
    if (
        dossier.status == DossierStatus.PROCESSING
        and step.is_final
        and _may(user, unit, [Role(step.role), Role.CLERK, *SUPERVISORS])
    ):
        names.add("result")
    return moves


def _assignees(dossier: Dossier) -> tuple[User, ...]:
    """People holding the step's role in the step's unit or above it."""
    step = dossier.current_step
    if step is None:
        return ()
    unit = step_unit(dossier, step)
    parts = unit.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
    ids = Membership.objects.filter(
        role=step.role, unit__path__in=prefixes, unit__is_active=True, user__is_active=True
    ).values_list("user_id", flat=True)
    return tuple(User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username"))


def _province_units(dossier: Dossier) -> tuple[Unit, ...]:
    root = dossier.agency.path.split("/")[1]
    units = Unit.objects.filter(path__startswith=f"/{root}/", is_active=True)
    if dossier.current_unit_id is not None:
        units = units.exclude(pk=dossier.current_unit_id)
    return tuple(units.order_by("path"))


def available_actions(user: User, dossier: Dossier) -> Actions:
    """The action names (the URL slugs of the panel's forms) `user` may take now."""
    names: set[str] = set()
    moves = _open_step_actions(user, dossier, names)
    status = dossier.status
    receiving = dossier.receiving_unit
    # Who works each status is one rule (permissions.STAGES), shared with the inboxes.
    acting = may_act(user, dossier)
    if status == DossierStatus.NEW and acting:
        names.update({"accept", "supplement", "refuse"})
    if status == DossierStatus.SUPPLEMENT and acting:
        names.add("receive-supplement")
    if status == DossierStatus.FINANCIAL and acting:
        names.add("confirm-payment")
    if status == DossierStatus.FINISHED and acting:
        names.add("return-result")
    if status in OPEN_STATUSES:
        step = dossier.current_step
        if (
            step is not None
            and dossier.appointment_at is not None
            and _may(
                user, step_unit(dossier, step), [Role.SPECIALIST, Role.RECEPTION, *SUPERVISORS]
            )
        ):
            names.add("apology")
        if _may(user, receiving, [Role.RECEPTION, *SUPERVISORS]):
            names.add("withdraw")
        if _may(user, dossier.current_unit or dossier.agency, SUPERVISORS):
            names.add("stop")
    answerable = tuple(
        c
        for c in dossier.consultations.filter(answered_at__isnull=True).select_related("unit")
        if _may(user, c.unit, [Role.SPECIALIST, *SUPERVISORS])
    )
    if answerable:
        names.add("answer")
    return Actions(
        names=frozenset(names),
        moves=tuple(moves),
        assignees=_assignees(dossier) if "assign" in names else (),
        consultable_units=_province_units(dossier) if "consult" in names else (),
        answerable=answerable,
    )
