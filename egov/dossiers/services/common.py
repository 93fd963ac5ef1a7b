"""Pieces shared by the dossier services: locking, steps, audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.models import AuditEvent
from egov.audit.services import record_event
from egov.core.errors import Conflict
from egov.dossiers import transitions
from egov.dossiers.models import Dossier, DossierStatus, Handover
from egov.dossiers.permissions import step_unit
from egov.dossiers.timeliness import classify, processing_seconds
from egov.dossiers.tracking.answers import forget_public_answers
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


# What `audit()` needs to know about a dossier whose row this transaction
# holds: how many audit events it has (the notification's dedupe key) and its
# last portal-sync sequence. Read once per service call instead of once per
# event (a COUNT and a MAX each time); kept on the instance like the status.
_COUNTS = "_egov_counts"


@dataclass
class _Counts:
    events: int
    sequence: int


def _keep_counts(dossier: Dossier, counts: _Counts | None) -> None:
    """Attach counts (None: read them at the first event) to an instance this call holds.

    Like the status at lock, they are valid only inside the service call that
    locked (or created) the instance: every service locks afresh, and the one
    that audits a dossier it did not lock (a read) drops them (`audit()`).
    """
    setattr(dossier, _COUNTS, counts)


def mark_new(dossier: Dossier) -> None:
    """A dossier created by this transaction: no event and no sync yet, nobody else sees it."""
    _keep_counts(dossier, _Counts(events=0, sequence=0))


def _read_counts(dossier: Dossier) -> _Counts:
    """Both numbers in one statement, run after the row lock (so nothing is missed)."""
    quote = connection.ops.quote_name
    # Imported here: the sync reads dossiers.
    from egov.portalsync.models import OutboxEvent

    audit, outbox = AuditEvent._meta, OutboxEvent._meta
    type_column = quote(audit.get_field("target_type").column)
    id_column = quote(audit.get_field("target_id").column)
    sequence_column = quote(outbox.get_field("sequence").column)
    dossier_column = quote(outbox.get_field("dossier").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {quote(audit.db_table)} "  # noqa: S608 - quoted names
            f"WHERE {type_column} = %s AND {id_column} = %s), "
            f"(SELECT MAX({sequence_column}) FROM {quote(outbox.db_table)} "
            f"WHERE {dossier_column} = %s)",
            [ContentType.objects.get_for_model(Dossier).pk, str(dossier.pk), dossier.pk],
        )
        row = cursor.fetchone()
    assert row is not None  # noqa: S101 - a SELECT without FROM returns one row
    return _Counts(events=int(row[0]), sequence=int(row[1] or 0))


def _counts(dossier: Dossier, event: str) -> _Counts | None:
    from egov.portalsync.services import READ_EVENTS  # the sync reads dossiers

    if event in READ_EVENTS:
        # Audited without a lock, maybe on an instance an earlier call
        # returned: its counts may be stale. Count the old way from now on.
        dossier.__dict__.pop(_COUNTS, None)
    if _COUNTS not in dossier.__dict__:
        return None  # not locked by this service call: count the old way
    counts: _Counts | None = dossier.__dict__[_COUNTS]
    if counts is None:
        counts = _read_counts(dossier)
        setattr(dossier, _COUNTS, counts)
    return counts


def lock(dossier: Dossier | int, *, expected_step: int | None = None) -> Dossier:
    """Re-read the dossier under a row lock; callers then check its state.

    Two officers acting at once queue here; the second sees the first one's
    result and gets a clear message instead of overwriting it.
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
            "dossier_changed",
            _("Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang để xem trạng thái mới."),
        )
    _remember_status(locked)
    _keep_counts(locked, None)
    return locked


def audit(dossier: Dossier, actor: User | None, event: str, **details: Any) -> None:
    """Record the event; if the status changed, tell the citizen (same transaction)."""
    # Every change of a dossier passes here: its cached public answers go
    # after the commit (egov/dossiers/tracking/answers.py).
    forget_public_answers(dossier.code)
    # Before the event is written, so that the event counted is this one.
    counts = _counts(dossier, event)
    record_event(
        event_type=f"dossiers.{event}",
        actor=actor,
        target=dossier,
        unit=dossier.current_unit or dossier.receiving_unit,
        details={"code": dossier.code, "status": int(dossier.status), **details},
    )
    from egov.portalsync.services import record_change  # the sync reads dossiers

    if counts is None:
        record_change(dossier, event)
    else:
        counts.events += 1
        if record_change(dossier, event, sequence=counts.sequence + 1) is not None:
            counts.sequence += 1
    previous = _status_at_lock(dossier)
    if previous is None and event != "registered":
        return  # not locked by this service call: its status cannot have changed
    # previous None: created by register_dossier, which has nothing to lock.
    if previous == dossier.status:
        return
    # Imported here: the notifications app reads dossiers, not the other way round.
    from egov.notifications.services import dossier_status_changed

    dossier_status_changed(
        dossier=dossier,
        previous_status=previous,
        event_count=None if counts is None else counts.events,
    )
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
