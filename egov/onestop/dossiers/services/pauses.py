"""Stopping the clock: supplements from the citizen, fees and taxes.

Decree 118/2025/NĐ-CP: the time the citizen takes to supplement the dossier
or to pay is not counted. When it resumes, the deadline, the appointment and
the step's due time all move by the office time the clock was stopped.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.dossiers import transitions
from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import Dossier, DossierStatus, SupplementRequest
from egov.onestop.dossiers.permissions import require_role, require_step_actor
from egov.onestop.dossiers.services.common import audit, lock, now
from egov.onestop.dossiers.services.processing import (
    _check_transition_roles,
    _require_open_step,
    _transition,
)
from egov.onestop.events import DossierEvent
from egov.onestop.payments.paid import dossier_paid
from egov.onestop.procedures.models import StepAction
from egov.platform.accounts.models import Role, User
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.workcalendar.deadlines import WorkingCalendar


def _stop_clock(dossier: Dossier, target: DossierStatus) -> None:
    previous = dossier.status
    transitions.move(dossier, target)
    dossier.status_before_pause = previous
    dossier.clock_stopped_at = now()


def _restart_clock(dossier: Dossier) -> int:
    """Resume where it paused; returns the office seconds the clock stood still.

    The same seconds are added to `waited_seconds`, which the processing time
    subtracts at the end (Decision 766/QĐ-TTg: citizen supplement time is
    subtracted; Decree 118/2025/NĐ-CP: so is the time taken to pay).
    """
    at = now()
    waited = 0
    if dossier.clock_stopped_at is not None:
        calendar = WorkingCalendar.load()
        waited = max(calendar.working_seconds(dossier.clock_stopped_at, at), 0)
        for field in ("deadline_at", "appointment_at", "step_due_at"):
            value = getattr(dossier, field)
            if value is not None:
                setattr(dossier, field, calendar.add_seconds(value, waited))
        dossier.waited_seconds += waited
    previous = DossierStatus(dossier.status_before_pause or DossierStatus.PROCESSING)
    transitions.move(dossier, previous)
    dossier.status_before_pause = None
    dossier.clock_stopped_at = None
    return waited


@transaction.atomic
def request_supplement(
    *,
    actor: User,
    dossier: Dossier,
    items: Sequence[str],
    reason: str = "",
    expected_step: int | None = None,
) -> Dossier:
    """Ask the citizen for more documents (form 02); the clock stops."""
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    _require_open_step(dossier)
    transition = _transition(dossier, StepAction.SUPPLEMENT, None)
    _check_transition_roles(actor, dossier, transition)
    cleaned = [item.strip() for item in items if item.strip()]
    if not cleaned:
        raise InvalidInput(
            DossierError.SUPPLEMENT_ITEMS_REQUIRED, _("Cần liệt kê giấy tờ công dân phải bổ sung.")
        )
    _stop_clock(dossier, DossierStatus.SUPPLEMENT)
    dossier.supplement_count += 1
    dossier.save()
    SupplementRequest.objects.create(
        dossier=dossier,
        requested_by=actor,
        requested_at=now(),
        items=cleaned,
        reason=reason.strip(),
        appointment_before=dossier.appointment_at,
    )
    audit(
        held,
        actor,
        DossierEvent.SUPPLEMENT_REQUESTED,
        items=cleaned,
        count=dossier.supplement_count,
    )
    return dossier


@transaction.atomic
def receive_supplement(
    *,
    actor: User,
    dossier: Dossier,
    note: str = "",
    by_applicant: bool = False,
    expected_step: int | None = None,
) -> Dossier:
    """The citizen brought (or uploaded) what was missing: the clock restarts.

    `by_applicant`: the applicant's own account supplements an online dossier.
    """
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    if dossier.status != DossierStatus.SUPPLEMENT:
        raise Conflict(
            DossierError.NOT_WAITING_FOR_SUPPLEMENT, _("Hồ sơ không ở trạng thái chờ bổ sung.")
        )
    if by_applicant:
        if dossier.applicant_user_id is None or dossier.applicant_user_id != actor.pk:
            raise PermissionDenied(
                DossierError.PERMISSION_DENIED,
                _("Bạn không có quyền thực hiện thao tác này với hồ sơ."),
            )
    else:
        require_role(actor, dossier.receiving_unit, [Role.RECEPTION, Role.SPECIALIST])
    request = dossier.supplements.filter(received_at__isnull=True).order_by("-pk").first()
    waited = _restart_clock(dossier)
    dossier.save()
    if request is not None:
        request.received_at, request.received_by = now(), actor
        request.appointment_after = dossier.appointment_at
        request.save(update_fields=["received_at", "received_by", "appointment_after"])
    audit(held, actor, DossierEvent.SUPPLEMENT_RECEIVED, waited_seconds=waited, note=note)
    return dossier


@transaction.atomic
def request_payment(
    *,
    actor: User,
    dossier: Dossier,
    note: str,
    amount_vnd: int = 0,
    expected_step: int | None = None,
) -> Dossier:
    """Pause for fees or taxes (status 6); the clock stops.

    Refused once the gateway confirmed a payment for the dossier: the
    citizen paid, and asking again would charge twice.
    """
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    _require_open_step(dossier)
    require_step_actor(actor, dossier)
    if dossier_paid(dossier.pk):
        raise Conflict(
            DossierError.FEE_ALREADY_PAID,
            _("Hồ sơ đã được thanh toán phí, lệ phí nên không yêu cầu nộp phí, thuế nữa."),
        )
    if not note.strip():
        raise InvalidInput(
            DossierError.PAYMENT_NOTE_REQUIRED, _("Cần ghi rõ khoản phí, thuế công dân phải nộp.")
        )
    if amount_vnd < 0:
        raise InvalidInput(DossierError.INVALID_AMOUNT, _("Số tiền không được âm."))
    _stop_clock(dossier, DossierStatus.FINANCIAL)
    dossier.payment_due_vnd = amount_vnd
    dossier.save()
    audit(held, actor, DossierEvent.PAYMENT_REQUESTED, note=note, amount_vnd=amount_vnd)
    return dossier


@transaction.atomic
def confirm_payment(
    *, actor: User | None, dossier: Dossier, note: str = "", expected_step: int | None = None
) -> Dossier:
    """Resume after fees or taxes were paid.

    `actor` None is the payment gateway's verified confirmation (the system).
    """
    held = lock(dossier, expected_step=expected_step)
    dossier = held.dossier
    if dossier.status != DossierStatus.FINANCIAL:
        raise Conflict(
            DossierError.NOT_WAITING_FOR_PAYMENT, _("Hồ sơ không ở trạng thái chờ nộp phí, thuế.")
        )
    if actor is not None:
        require_role(
            actor,
            dossier.current_unit or dossier.receiving_unit,
            [Role.RECEPTION, Role.SPECIALIST],
        )
    waited = _restart_clock(dossier)
    dossier.save()
    audit(held, actor, DossierEvent.PAYMENT_CONFIRMED, waited_seconds=waited, note=note)
    return dossier
