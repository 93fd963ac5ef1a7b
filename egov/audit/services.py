"""Writing audit events. Called by every service function that changes state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from egov.audit.models import AuditEvent

if TYPE_CHECKING:
    from egov.accounts.models import User
    from egov.organisation.models import Unit


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
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must be called inside the changing transaction")
    return AuditEvent.objects.create(
        event_type=event_type,
        actor=actor if actor is not None and actor.is_authenticated else None,
        unit=unit,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        target_id=str(target.pk),
        details=details or {},
    )
