"""Writing audit events. Called by every service function that changes state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from egov.platform.audit.chain import GENESIS_HASH, entry_hash
from egov.platform.audit.models import AuditChainHead, AuditEvent

if TYPE_CHECKING:
    from egov.platform.accounts.models import User
    from egov.platform.organisation.models import Unit


def record_event(
    *,
    event_type: str,
    actor: User | None,
    target: models.Model,
    unit: Unit | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event for a change to `target`.

    It must run inside the transaction that makes the change, so the change
    and its trace commit or roll back together.

    Lock order: appending locks the chain head until the transaction ends, so
    concurrent audited changes serialise from here on. A service records its
    event after its own row locks and writes (the last step before it
    returns), so the head is always the last lock taken and two transactions
    never wait on each other in opposite orders.
    """
    event = new_event(event_type=event_type, actor=actor, target=target, unit=unit, details=details)
    append_to_chain([event])
    return event


def append_to_chain(events: list[AuditEvent]) -> None:
    """Chain and insert `events` in order: lock the head, hash, insert, move the head.

    Two queries more than a plain insert: the head's lock and its update.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside the changing transaction")
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_hash": GENESIS_HASH, "entries": 0}
    )
    prev_hash = head.last_hash
    for event in events:
        event.prev_hash = prev_hash
        event.hash = entry_hash(
            prev_hash=prev_hash,
            event_type=event.event_type,
            actor_id=event.actor_id,
            unit_id=event.unit_id,
            target_type=_natural_key(event.target_type),
            target_id=event.target_id,
            details=event.details,
            created_at=event.created_at,
        )
        prev_hash = event.hash
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        AuditEvent.objects.bulk_create(events)
    head.last_hash = prev_hash
    head.entries += len(events)
    head.save(update_fields=["last_hash", "entries"])


def _natural_key(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def new_event(
    *,
    event_type: str,
    actor: User | None,
    target: models.Model,
    unit: Unit | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """The event `record_event` writes, not written yet: for a caller that inserts several at once.

    The same check: only inside the changing transaction, whose commit or
    rollback the caller's insert (`append_to_chain`) then shares.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside the changing transaction")
    return AuditEvent(
        event_type=event_type,
        actor=actor if actor is not None and actor.is_authenticated else None,
        unit=unit,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        target_id=str(target.pk),
        details=details or {},
    )
