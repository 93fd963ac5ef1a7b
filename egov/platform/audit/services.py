"""Writing audit events. Called by every service function that changes state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from egov.platform.audit.models import AuditEvent

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
    """
    event = new_event(event_type=event_type, actor=actor, target=target, unit=unit, details=details)
    event.save(force_insert=True)
    return event


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
    rollback the caller's insert (a bulk_create) then shares.
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
