"""Pieces shared by the dossier services: locking, steps, audit and events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers import transitions
from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import Dossier, DossierStatus, Handover
from egov.onestop.dossiers.permissions import step_unit
from egov.onestop.dossiers.timeliness import classify, processing_seconds
from egov.onestop.events import DossierChanged, DossierEvent, DossierStatusChanged
from egov.onestop.procedures.models import ProcessStep
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict
from egov.platform.core.events import publish
from egov.platform.workcalendar.deadlines import WorkingCalendar


def now() -> datetime:
    return timezone.now()


@dataclass
class Locked:
    """A dossier this service call holds: read under its row lock, or just created.

    `status_at_start`: the status when the call took hold of it (None for a
    dossier the call created), so that `audit()` can tell whether the change
    moved it to another status. `audit()` advances it, so a second event of
    the same call does not report the same move again.
    """

    dossier: Dossier
    status_at_start: int | None

    @classmethod
    def new(cls, dossier: Dossier) -> Locked:
        """A dossier this transaction created: nobody else sees it yet."""
        return cls(dossier=dossier, status_at_start=None)


def lock(dossier: Dossier | int, *, expected_step: int | None = None) -> Locked:
    """Re-read the dossier under a row lock; callers then check its state.

    Two officers acting at once queue here; the second sees the first one's
    result and gets a clear message instead of overwriting it.
    `expected_step`: the step the officer saw; if the dossier moved on since,
    the action is refused.
    """
    pk = dossier if isinstance(dossier, int) else dossier.pk
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related(
            "procedure",
            "process",
            "receiving_unit",
            "agency",
            # Where the current step is worked (step_unit), checked by every action.
            "current_step__unit",
            "current_step__external_agency",
            # The holder's unit, which audit() records on every event.
            "current_unit",
        )
        .get(pk=pk)
    )
    if expected_step is not None and locked.current_step_id != expected_step:
        raise Conflict(
            DossierError.DOSSIER_CHANGED,
            _("Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang để xem trạng thái mới."),
        )
    return Locked(dossier=locked, status_at_start=int(locked.status))


def audit(held: Locked, actor: User | None, event: DossierEvent, **details: Any) -> None:
    """Record the change in the audit trail, then publish it (same transaction).

    Subscribers (egov/onestop/events.py) queue the national-portal sync, tell
    the applicant when the status moved, and keep the citizen's side in step.
    """
    dossier = held.dossier
    row = record_event(
        event_type=f"dossiers.{event}",
        actor=actor,
        target=dossier,
        unit=dossier.current_unit or dossier.receiving_unit,
        details={"code": dossier.code, "status": int(dossier.status), **details},
    )
    publish(DossierChanged(dossier=dossier, event=event, actor=actor, audit_event_id=row.pk))
    if held.status_at_start == dossier.status:
        return
    publish(
        DossierStatusChanged(
            dossier=dossier,
            event=event,
            previous_status=held.status_at_start,
            audit_event_id=row.pk,
        )
    )
    held.status_at_start = int(dossier.status)


def step_seconds(step: ProcessStep) -> int:
    return int(Decimal(step.allowance_hours) * 3600)


def enter_step(
    dossier: Dossier, step: ProcessStep, at: datetime, calendar: WorkingCalendar
) -> None:
    dossier.current_step = step
    dossier.current_unit = step_unit(dossier, step)
    dossier.step_started_at = at
    dossier.step_due_at = calendar.add_seconds(at, step_seconds(step))
    dossier.assignee = None


def hand_over(
    dossier: Dossier,
    *,
    actor: User | None,
    action: str,
    to_step: ProcessStep | None,
    at: datetime,
    note: str = "",
    to_user: User | None = None,
) -> Handover:
    """Record a hand-over and judge the step being left (early/on time/late)."""
    from_step = dossier.current_step
    timeliness = ""
    # The final step waits for the citizen to collect: not the agency's time.
    if from_step is not None and not from_step.is_final and dossier.step_due_at is not None:
        timeliness = classify(at, dossier.step_due_at).value
    return Handover.objects.create(
        dossier=dossier,
        action=action,
        from_step=from_step,
        to_step=to_step,
        from_user=actor,
        to_user=to_user,
        to_unit=step_unit(dossier, to_step) if to_step is not None else None,
        note=note,
        at=at,
        step_due_at=dossier.step_due_at if from_step is not None else None,
        timeliness=timeliness,
    )


def end(dossier: Dossier, status: DossierStatus, at: datetime) -> None:
    """Move to an end status; the first end event fixes the timeliness and processing time."""
    transitions.move(dossier, status)
    if dossier.ended_at is None:
        dossier.ended_at = at
        if dossier.received_at is not None:  # never received: no processing time
            calendar = WorkingCalendar.load()
            if dossier.clock_stopped_at is not None:
                # Withdrawn or stopped while waiting for a supplement or a
                # payment: the pause ends with the dossier, and it was the
                # citizen's time (Decision 766/QĐ-TTg), not the agency's.
                running = calendar.working_seconds(dossier.clock_stopped_at, at)
                dossier.waited_seconds += max(running, 0)
            dossier.processing_seconds = processing_seconds(
                dossier.received_at, at, calendar, waited=dossier.waited_seconds
            )
        if dossier.deadline_at is not None:
            dossier.timeliness = classify(
                at, dossier.deadline_at, supplement_count=dossier.supplement_count
            ).value
