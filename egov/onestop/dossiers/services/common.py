"""Pieces shared by the dossier services: locking, steps, audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers import transitions
from egov.onestop.dossiers.models import Dossier, DossierStatus, Handover
from egov.onestop.dossiers.permissions import CHECK_AT_LOCK, check_visible, not_found, step_unit
from egov.onestop.dossiers.services.statements import Compiled, insert
from egov.onestop.dossiers.timeliness import classify, processing_seconds
from egov.onestop.dossiers.tracking.answers import forget_public_answers
from egov.onestop.portalsync.mapping import PortalFacts, facts_columns, facts_from, facts_params
from egov.onestop.procedures.models import ProcessStep
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.audit.services import new_event
from egov.platform.core.errors import Conflict
from egov.platform.workcalendar.deadlines import WorkingCalendar

if TYPE_CHECKING:
    from egov.onestop.portalsync.models import OutboxEvent


def now() -> datetime:
    return timezone.now()


# The status a locked dossier had when it was read, kept on the instance (not
# per pk: a caller may hold older instances of the same dossier), so that
# `audit()` can tell the citizen when a service changed the status.
_STATUS_AT_LOCK = "_egov_status_at_lock"


def _remember_status(dossier: Dossier) -> None:
    setattr(dossier, _STATUS_AT_LOCK, int(dossier.status))


def remember_status(dossier: Dossier, status: int) -> None:
    """`audit()` of `dossier` tells the citizen of a change from `status` (a new dossier's)."""
    setattr(dossier, _STATUS_AT_LOCK, int(status))


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
    # The portal payload's facts (paid? scanned?) as they are now, read with
    # the counts or known for a new dossier; None: read them. Valid only until
    # the next event is written (a service may change payments or documents
    # between two events), so `audit()` uses them once.
    facts: PortalFacts | None = None
    # While collecting (`collect_events`): the rows `audit()` would have
    # written, inserted together by `write_collected`.
    events_to_write: list[AuditEvent] | None = None
    changes_to_write: list[OutboxEvent] | None = None


def _keep_counts(dossier: Dossier, counts: _Counts | None) -> None:
    """Attach counts (None: read them at the first event) to an instance this call holds.

    Like the status at lock, they are valid only inside the service call that
    locked (or created) the instance: every service locks afresh, and the one
    that audits a dossier it did not lock (a read) drops them (`audit()`).
    """
    setattr(dossier, _COUNTS, counts)


def mark_new(dossier: Dossier, facts: PortalFacts | None = None) -> None:
    """A dossier created by this transaction: no event and no sync yet, nobody else sees it.

    `facts`: its portal facts, when the caller knows them (`new_dossier_facts`).
    """
    _keep_counts(dossier, _Counts(events=0, sequence=0, facts=facts))


def know_facts(dossier: Dossier, facts: PortalFacts) -> None:
    """The portal facts of `dossier` (new, `mark_new`) as they are now, for its next event."""
    counts: _Counts = dossier.__dict__[_COUNTS]
    counts.facts = facts


def share_counts(dossier: Dossier, other: Dossier) -> None:
    """`other` (a view of `dossier` at an earlier state) counts events with `dossier`."""
    setattr(other, _COUNTS, dossier.__dict__[_COUNTS])


def collect_events(dossier: Dossier) -> None:
    """From now on `audit()` of `dossier` (a new one, `mark_new`) keeps its rows.

    They are inserted by `write_collected`, one statement per table instead
    of two per event, in the same transaction and in the same order.
    """
    counts: _Counts = dossier.__dict__[_COUNTS]
    counts.events_to_write, counts.changes_to_write = [], []


def write_collected(dossier: Dossier) -> None:
    """Insert the rows `audit()` kept since `collect_events`, and stop collecting."""
    # Imported here: the sync reads dossiers.
    from egov.onestop.portalsync.models import OutboxEvent

    counts: _Counts = dossier.__dict__[_COUNTS]
    events, changes = counts.events_to_write or [], counts.changes_to_write or []
    counts.events_to_write = counts.changes_to_write = None
    AuditEvent.objects.bulk_create(events)
    OutboxEvent.objects.bulk_create(changes)


@cache
def _counts_sql(vendor: str) -> str:
    """Both numbers and the portal facts in one statement; built once per vendor."""
    quote = connection.ops.quote_name
    # Imported here: the sync reads dossiers.
    from egov.onestop.portalsync.models import OutboxEvent

    audit, outbox = AuditEvent._meta, OutboxEvent._meta
    type_column = quote(audit.get_field("target_type").column)
    id_column = quote(audit.get_field("target_id").column)
    sequence_column = quote(outbox.get_field("sequence").column)
    dossier_column = quote(outbox.get_field("dossier").column)
    return (
        f"SELECT (SELECT COUNT(*) FROM {quote(audit.db_table)} "  # noqa: S608 - quoted names
        f"WHERE {type_column} = %s AND {id_column} = %s), "
        f"(SELECT MAX({sequence_column}) FROM {quote(outbox.db_table)} "
        f"WHERE {dossier_column} = %s), {facts_columns()}"
    )


def _read_counts(dossier: Dossier) -> _Counts:
    """Both numbers in one statement, run after the row lock (so nothing is missed).

    The portal facts come with them: the first event's outbox row needs them,
    and nothing changes between this read and that row (`audit()`).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _counts_sql(connection.vendor),
            [
                ContentType.objects.get_for_model(Dossier).pk,
                str(dossier.pk),
                dossier.pk,
                *facts_params(dossier.pk),
            ],
        )
        row = cursor.fetchone()
    assert row is not None  # noqa: S101 - a SELECT without FROM returns one row
    return _Counts(events=int(row[0]), sequence=int(row[1] or 0), facts=facts_from(row[2], row[3]))


def _counts(dossier: Dossier, event: str) -> _Counts | None:
    from egov.onestop.portalsync.services import READ_EVENTS  # the sync reads dossiers

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


# The dossier read under its row lock, with what every action uses.
_LOCKED_READ = Compiled(
    lambda pk: (
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
        .filter(pk=pk)
        .order_by()
    ),
    int,
)


def lock(dossier: Dossier | int, *, expected_step: int | None = None) -> Dossier:
    """Re-read the dossier under a row lock; callers then check its state.

    Two officers acting at once queue here; the second sees the first one's
    result and gets a clear message instead of overwriting it.
    """
    pk = dossier if isinstance(dossier, int) else dossier.pk
    # A caller that left the access check to this read (`checked_at_lock`).
    viewer = None if isinstance(dossier, int) else dossier.__dict__.get(CHECK_AT_LOCK)
    locked = _LOCKED_READ.first(pk)
    if locked is None:
        if viewer is not None:
            raise not_found()
        raise Dossier.DoesNotExist("Dossier matching query does not exist.")
    if viewer is not None:
        check_visible(viewer, locked)
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
    # after the commit (egov/onestop/dossiers/tracking/answers.py).
    forget_public_answers(dossier.code)
    # Before the event is written, so that the event counted is this one.
    counts = _counts(dossier, event)
    row = new_event(
        event_type=f"dossiers.{event}",
        actor=actor,
        target=dossier,
        unit=dossier.current_unit or dossier.receiving_unit,
        details={"code": dossier.code, "status": int(dossier.status), **details},
    )
    if counts is not None and counts.events_to_write is not None:
        counts.events_to_write.append(row)  # inserted by write_collected
    else:
        # What record_event does; AuditEvent's own save() only refuses changes.
        insert(row, own_save_checked=True)
    # Imported here: the sync reads dossiers.
    from egov.onestop.portalsync.services import READ_EVENTS, new_change, record_change

    if counts is None:
        record_change(dossier, event)
    else:
        counts.events += 1
        facts, counts.facts = counts.facts, None  # valid for this event only
        if counts.changes_to_write is not None:
            if event not in READ_EVENTS:
                counts.changes_to_write.append(
                    new_change(dossier, event, sequence=counts.sequence + 1, facts=facts)
                )
                counts.sequence += 1
        elif record_change(dossier, event, sequence=counts.sequence + 1, facts=facts) is not None:
            counts.sequence += 1
    previous = _status_at_lock(dossier)
    if previous is None and event != "registered":
        return  # not locked by this service call: its status cannot have changed
    # previous None: created by register_dossier, which has nothing to lock.
    if previous == dossier.status:
        return
    # Imported here: the notifications app reads dossiers, not the other way round.
    from egov.platform.notifications.services import dossier_status_changed

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
    handover = new_handover(
        dossier, actor=actor, action=action, to_step=to_step, at=at, note=note, to_user=to_user
    )
    insert(handover)
    return handover


def new_handover(
    dossier: Dossier,
    *,
    actor: User | None,
    action: str,
    to_step: ProcessStep | None,
    at: datetime,
    note: str = "",
    to_user: User | None = None,
) -> Handover:
    """The hand-over `hand_over` records, from the dossier as it is now; not written yet.

    The dossier may be unsaved: the hand-over takes its key when saved after it.
    """
    from_step = dossier.current_step
    timeliness = ""
    # The final step waits for the citizen to collect: not the agency's time.
    if from_step is not None and not from_step.is_final and dossier.step_due_at is not None:
        timeliness = classify(at, dossier.step_due_at).value
    return Handover(
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
