"""Writing the outbox (inside the dossier's transaction) and resending."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier
from egov.onestop.portalsync.errors import PortalSyncError
from egov.onestop.portalsync.mapping import PROGRESS_EVENTS, portal_payload, progress_payload
from egov.onestop.portalsync.models import OutboxEvent, OutboxStatus, PortalService
from egov.onestop.portalsync.sender import SYNC, progress_endpoint
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import PermissionDenied
from egov.platform.outbox.resend import make_due_again


def _next_sequence(dossier: Dossier) -> int:
    last = OutboxEvent.objects.filter(dossier=dossier).aggregate(m=Max("sequence"))["m"] or 0
    return int(last) + 1


def _queue(dossier: Dossier, sequence: int, event: str, service: str, payload: Any) -> OutboxEvent:
    return OutboxEvent.objects.create(
        dossier=dossier,
        sequence=sequence,
        event=event,
        service=service,
        idempotency_key=f"{dossier.pk}:{sequence}",
        payload=payload,
        next_attempt_at=timezone.now(),
    )


def record_change(dossier: Dossier, event: str, actor: User | None = None) -> OutboxEvent:
    """Queue the dossier's state for the national portal, as its next event.

    Runs inside the changing transaction (it subscribes to `DossierChanged`
    in the transaction, see subscribers.py), so the row commits or rolls back
    with the change: the outbox never misses a change nor sends one that did
    not happen. The next sequence number is safe to take: the publisher
    holds the dossier's row lock (the services' `lock()`) or created the
    dossier in this transaction, so no other change of it runs meanwhile.

    A change that hands the dossier on also queues its progress step, right
    after, for the progress service, while that service's address is set.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must be called inside the changing transaction")
    sequence = _next_sequence(dossier)
    row = _queue(dossier, sequence, event, PortalService.DOSSIER, portal_payload(dossier))
    if event in PROGRESS_EVENTS and progress_endpoint():
        step = progress_payload(dossier, event, actor)
        if step is not None:
            _queue(dossier, sequence + 1, event, PortalService.PROGRESS, step)
    return row


@transaction.atomic
def resend_failed(*, actor: User, event_ids: Sequence[int]) -> int:
    """Make failed and given-up events due now (administrators only). Returns how many."""
    if not actor.is_superuser:
        raise PermissionDenied(
            PortalSyncError.RESEND_NOT_ALLOWED,
            _("Chỉ quản trị hệ thống được gửi lại sự kiện đồng bộ."),
        )
    events = make_due_again(SYNC, ids=event_ids, states=[OutboxStatus.FAILED, OutboxStatus.GAVE_UP])
    for event in events:
        record_event(
            event_type="portalsync.resent",
            actor=actor,
            target=event,
            details={"key": event.idempotency_key, "attempts": event.attempts},
        )
    return len(events)
