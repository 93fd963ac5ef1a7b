"""Moving a dossier through its internal process (quy trình nội bộ)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.dossiers import transitions
from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import Consultation, Dossier, DossierStatus
from egov.onestop.dossiers.permissions import (
    SUPERVISORS,
    require_role,
    require_step_actor,
    step_unit,
)
from egov.onestop.dossiers.services.common import audit, end, enter_step, hand_over, lock, now
from egov.onestop.events import DossierEvent
from egov.onestop.procedures.models import StepAction, StepTransition
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit
from egov.platform.workcalendar.deadlines import WorkingCalendar

MOVING_ACTIONS = (StepAction.FORWARD, StepAction.APPROVE, StepAction.RETURN)
# The fields a move changes: those of `enter_step`, and the status.
MOVED_FIELDS = (
    "current_step",
    "current_unit",
    "step_started_at",
    "step_due_at",
    "assignee",
    "status",
    "updated_at",
)


def _require_open_step(dossier: Dossier) -> None:
    if dossier.status not in (DossierStatus.ACCEPTED, DossierStatus.PROCESSING):
        raise Conflict(
            DossierError.NOT_IN_PROCESSING,
            _("Hồ sơ đang ở trạng thái «%s», không thể xử lý bước này.")
            % DossierStatus(dossier.status).label,
        )


def _require_holder(actor: User, dossier: Dossier) -> None:
    """Someone else claimed it: only they or a supervisor may act."""
    if dossier.assignee_id in (None, actor.pk):
        return
    assert dossier.current_step is not None  # noqa: S101 - checked by _require_open_step
    if has_role_over(actor, step_unit(dossier, dossier.current_step), SUPERVISORS):
        return
    raise PermissionDenied(DossierError.ASSIGNED_TO_OTHER, _("Hồ sơ đang do cán bộ khác xử lý."))


@transaction.atomic
def claim(*, actor: User, dossier: Dossier, expected_step: int | None = None) -> Dossier:
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    _require_open_step(dossier)
    require_step_actor(actor, dossier)
    if dossier.assignee_id == actor.pk:
        return dossier
    if dossier.assignee_id is not None:
        raise Conflict(DossierError.ALREADY_CLAIMED, _("Hồ sơ đã được cán bộ khác nhận xử lý."))
    dossier.assignee = actor
    dossier.save(update_fields=["assignee", "updated_at"])
    audit(held, actor, DossierEvent.CLAIMED)
    return dossier


@transaction.atomic
def assign(
    *, actor: User, dossier: Dossier, assignee: User, expected_step: int | None = None
) -> Dossier:
    """A head or leader gives the dossier to one of their specialists."""
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    _require_open_step(dossier)
    assert dossier.current_step is not None  # noqa: S101
    unit = step_unit(dossier, dossier.current_step)
    require_role(actor, unit, SUPERVISORS)
    if not has_role_over(assignee, unit, [Role(dossier.current_step.role)]):
        raise InvalidInput(
            DossierError.ASSIGNEE_NOT_ELIGIBLE,
            _("Cán bộ được giao không có vai trò của bước này tại đơn vị."),
        )
    dossier.assignee = assignee
    dossier.save(update_fields=["assignee", "updated_at"])
    audit(held, actor, DossierEvent.ASSIGNED, assignee=assignee.username)
    return dossier


def _transition(dossier: Dossier, action: str, target: int | None) -> StepTransition:
    step = dossier.current_step_id
    options = (
        []
        if step is None
        else list(
            StepTransition.objects.filter(step_id=step, action=action)
            # step_unit() of the target, where the dossier goes
            .select_related("target__unit", "target__external_agency")
            .order_by("pk")
        )
    )
    if target is not None:
        options = [t for t in options if t.target_id == target]
    if not options:
        raise Conflict(
            DossierError.ACTION_NOT_ALLOWED,
            _("Bước hiện tại không cho phép thao tác «%s».") % StepAction(action).label,
        )
    if len(options) > 1:
        raise InvalidInput(DossierError.TARGET_REQUIRED, _("Cần chọn bước chuyển tới."))
    return options[0]


def _check_transition_roles(actor: User, dossier: Dossier, transition: StepTransition) -> None:
    roles = [Role(r) for r in transition.roles] or None
    require_step_actor(actor, dossier, roles)


@transaction.atomic
def move_on(
    *,
    actor: User,
    dossier: Dossier | int,
    action: str,
    target: int | None = None,
    note: str = "",
    expected_step: int | None = None,
    to_user: User | None = None,
) -> Dossier:
    """Forward, approve or return: hand the dossier (or the one with that key) on."""
    if action not in MOVING_ACTIONS:
        raise InvalidInput(DossierError.INVALID_ACTION, _("Thao tác không hợp lệ."))
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    _require_open_step(dossier)
    transition = _transition(dossier, action, target)
    _check_transition_roles(actor, dossier, transition)
    _require_holder(actor, dossier)
    assert transition.target is not None  # noqa: S101 - validated with the process
    at = now()
    hand_over(
        dossier,
        actor=actor,
        action=action,
        to_step=transition.target,
        at=at,
        note=note,
        to_user=to_user,
    )
    enter_step(dossier, transition.target, at, WorkingCalendar.load())
    if to_user is not None:
        dossier.assignee = to_user
    transitions.move(dossier, DossierStatus.PROCESSING)
    # What the hand-over changed (enter_step, the assignee, the status): the
    # rest of the row is as read under the lock.
    dossier.save(update_fields=MOVED_FIELDS)
    audit(held, actor, DossierEvent(action), to_step=transition.target.name, note=note)
    return dossier


@transaction.atomic
def refuse(
    *, actor: User, dossier: Dossier, reason: str, expected_step: int | None = None
) -> Dossier:
    """Refuse to decide (a step's refuse action): processing stops, form 05."""
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    _require_open_step(dossier)
    transition = _transition(dossier, StepAction.REFUSE, None)
    _check_transition_roles(actor, dossier, transition)
    if not reason.strip():
        raise InvalidInput(DossierError.REASON_REQUIRED, _("Cần ghi rõ lý do."))
    at = now()
    hand_over(dossier, actor=actor, action="refuse", to_step=None, at=at, note=reason)
    dossier.outcome_reason = reason.strip()
    end(dossier, DossierStatus.STOPPED, at)
    dossier.save()
    audit(held, actor, DossierEvent.REFUSED, reason=dossier.outcome_reason)
    return dossier


@transaction.atomic
def consult(
    *, actor: User, dossier: Dossier, unit: Unit, question: str, expected_step: int | None = None
) -> Consultation:
    """Ask another unit's opinion; processing goes on in parallel."""
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    _require_open_step(dossier)
    require_step_actor(actor, dossier)
    if unit.path.split("/")[1] != dossier.agency.path.split("/")[1]:
        raise InvalidInput(
            DossierError.UNIT_OUTSIDE_PROVINCE, _("Chỉ xin ý kiến đơn vị trong cùng tỉnh.")
        )
    if not question.strip():
        raise InvalidInput(DossierError.QUESTION_REQUIRED, _("Cần nhập nội dung xin ý kiến."))
    consultation = Consultation.objects.create(
        dossier=dossier, unit=unit, requested_by=actor, requested_at=now(), question=question
    )
    audit(held, actor, DossierEvent.CONSULTED, unit=unit.pk, question=question)
    return consultation


@transaction.atomic
def answer_consultation(*, actor: User, consultation: Consultation, answer: str) -> Consultation:
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require_role(actor, locked.unit, [Role.SPECIALIST, *SUPERVISORS])
    if locked.answered_at is not None:
        raise Conflict(DossierError.ALREADY_ANSWERED, _("Ý kiến này đã được trả lời."))
    if not answer.strip():
        raise InvalidInput(DossierError.ANSWER_REQUIRED, _("Cần nhập nội dung trả lời."))
    locked.answer, locked.answered_by, locked.answered_at = answer.strip(), actor, now()
    locked.save()
    audit(lock(locked.dossier_id), actor, DossierEvent.CONSULTATION_ANSWERED, unit=locked.unit_id)
    return locked
