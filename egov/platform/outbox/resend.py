"""An administrator's "send again": given-up rows become due now, with a fresh count."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from egov.platform.outbox.contract import Outbox, R


def make_due_again(
    outbox: Outbox[R],
    *,
    ids: Sequence[Any],
    states: Sequence[str] | None = None,
    at: datetime | None = None,
) -> list[R]:
    """Make the rows of `ids` that are in `states` (given up, by default) due at once.

    For the service that checks the administrator's right and writes the
    audit events, in its transaction: the rows are locked in pk order and
    returned as they were before (their attempts, their last error).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("make_due_again must run in the administrator's transaction")
    fields = outbox.fields
    rows = list(
        outbox.rows()
        .select_for_update()
        .filter(pk__in=list(ids), **{f"{fields.status}__in": states or [outbox.states.gave_up]})
        .order_by("pk")
    )
    values: dict[str, Any] = {
        fields.status: outbox.states.pending,
        fields.attempts: 0,
        fields.due_at: at or timezone.now(),
        fields.last_error: "",
    }
    if fields.lease_until is not None:
        values[fields.lease_until] = None
    if fields.gave_up_at is not None:
        values[fields.gave_up_at] = None
    outbox.rows().filter(pk__in=[row.pk for row in rows]).update(**values)
    return rows
