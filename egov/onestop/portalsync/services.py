"""Writing the outbox (inside the dossier's transaction) and resending."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier
from egov.onestop.portalsync.errors import PortalSyncError
from egov.onestop.portalsync.mapping import PortalFacts, portal_payload
from egov.onestop.portalsync.models import OutboxEvent, OutboxStatus
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import PermissionDenied

# Audited events that read a dossier without changing it: nothing to sync.
READ_EVENTS = frozenset({"personal_data_read"})


def record_change(
    dossier: Dossier,
    event: str,
    *,
    sequence: int | None = None,
    facts: PortalFacts | None = None,
) -> OutboxEvent | None:
    """Queue the dossier's state for the national portal (called by `audit()`).

    Runs inside the service's transaction, so the event commits or rolls back
    with the change. The sequence is taken under the dossier's row lock: the
    services already hold it (`lock()`); taking it again here is a no-op for
    them and covers the few that change a dossier without locking it.
    `sequence`: given by a caller that holds the row lock and knows the next
    number (the dossier services); then neither the lock nor the MAX is needed.
    `facts`: the payload's facts, given by a caller that knows them as they
    are now (read with the counts, or a dossier this transaction created).
    """
    if event in READ_EVENTS:
        return None
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must be called inside the changing transaction")
    if sequence is None:
        list(Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk"))
        last = OutboxEvent.objects.filter(dossier=dossier).aggregate(m=Max("sequence"))["m"] or 0
        sequence = last + 1
    # Imported here: the dossiers' services write this outbox.
    from egov.onestop.dossiers.services.statements import insert

    change = new_change(dossier, event, sequence=sequence, facts=facts)
    insert(change)  # change.save(force_insert=True), compiled once
    return change


def new_change(
    dossier: Dossier, event: str, *, sequence: int, facts: PortalFacts | None = None
) -> OutboxEvent:
    """The row `record_change` writes, not written yet: for a caller inserting several at once.

    Only for a caller holding the dossier's row (or having created it) in
    the changing transaction, which knows the sequence; the caller inserts it.
    """
    return OutboxEvent(
        dossier=dossier,
        sequence=sequence,
        event=event,
        idempotency_key=f"{dossier.pk}:{sequence}",
        payload=portal_payload(dossier, facts),
        next_attempt_at=timezone.now(),
    )


@transaction.atomic
def resend_failed(*, actor: User, event_ids: Sequence[int]) -> int:
    """Make failed events due now (administrators only). Returns how many."""
    if not actor.is_superuser:
        raise PermissionDenied(
            PortalSyncError.RESEND_NOT_ALLOWED,
            _("Chỉ quản trị hệ thống được gửi lại sự kiện đồng bộ."),
        )
    events = list(
        OutboxEvent.objects.select_for_update()
        .filter(pk__in=list(event_ids), status=OutboxStatus.FAILED)
        .order_by("pk")
    )
    at = timezone.now()
    for event in events:
        record_event(
            event_type="portalsync.resent",
            actor=actor,
            target=event,
            details={"key": event.idempotency_key, "attempts": event.attempts},
        )
    OutboxEvent.objects.filter(pk__in=[e.pk for e in events]).update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=at, last_error=""
    )
    return len(events)
