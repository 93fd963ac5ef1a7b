"""Pieces shared by the dossier services: locking, steps, audit."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import record_event
from egov.core.errors import Conflict
from egov.dossiers import transitions
from egov.dossiers.models import Dossier, DossierStatus, Handover
from egov.dossiers.permissions import step_unit
from egov.dossiers.timeliness import classify
from egov.procedures.models import ProcessStep
from egov.workcalendar.deadlines import WorkingCalendar


def now() -> datetime:
    return timezone.now()


# The status a locked dossier had when it was read, kept on the instance (not
# per pk: a caller may hold older instances of the same dossier), so that
# `audit()` can tell the citizen when a service changed the status.
_STATUS_AT_LOCK = "_egov_status_at_lock"


def _remember_status(dossier: Dossier) -> None:
    setattr(dossier, _STATUS_AT_LOCK, int(dossier.status))


def _status_at_lock(dossier: Dossier) -> int | None:
    """The status when `dossier` was locked; None if this instance was never locked."""
    value = getattr(dossier, _STATUS_AT_LOCK, None)
    return value if isinstance(value, int) else None


def lock(dossier: Dossier | int, *, expected_step: int | None = None) -> Dossier:
    """Re-read the dossier under a row lock; callers then check its state.

    Two officers acting at once queue here; the second sees the first one's
    result and gets a clear message instead of overwriting it.
    """
    pk = dossier if isinstance(dossier, int) else dossier.pk
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "process", "current_step", "receiving_unit", "agency")
        .get(pk=pk)
    )
    if expected_step is not None and locked.current_step_id != expected_step:
        raise Conflict(
            "dossier_changed",
            _("Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang để xem trạng thái mới."),
        )
    _remember_status(locked)
    return locked


def audit(dossier: Dossier, actor: User | None, event: str, **details: Any) -> None:
    """Record the event; if the status changed, tell the citizen (same transaction)."""
    record_event(
        event_type=f"dossiers.{event}",
        actor=actor,
        target=dossier,
        unit=dossier.current_unit or dossier.receiving_unit,
        details={"code": dossier.code, "status": int(dossier.status), **details},
    )
    from egov.portalsync.services import record_change  # the sync reads dossiers

    record_change(dossier, event)
    previous = _status_at_lock(dossier)
    if previous is None and event != "registered":
        return  # not locked by this service call: its status cannot have changed
    # previous None: created by register_dossier, which has nothing to lock.
    if previous == dossier.status:
        return
    # Imported here: the notifications app reads dossiers, not the other way round.
    from egov.notifications.services import dossier_status_changed

    dossier_status_changed(dossier=dossier, previous_status=previous)
    # A second audit() in the same call must not report the same change again.
    _remember_status(dossier)


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
    """Move to an end status; the first end event fixes the timeliness."""
    transitions.move(dossier, status)
    if dossier.ended_at is None:
        dossier.ended_at = at
        if dossier.deadline_at is not None:
            dossier.timeliness = classify(
                at, dossier.deadline_at, supplement_count=dossier.supplement_count
            ).value
