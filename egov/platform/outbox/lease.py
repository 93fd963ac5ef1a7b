"""Leasing due rows to one worker, and taking back the leases of workers that died.

A lease moves a row to the leased state until now + the lease, counting
one more attempt. No other worker leases it meanwhile; if its worker dies,
`release_expired` (run by every drain) counts that attempt as failed and
makes the row due again at once, or gives it up if it was the last one.
An outbox with `retry_expired=False` (e-mail) gives such a row up at once:
its message may have reached the receiver, and only a person can tell.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from egov.platform.outbox.attempt import Result, fail
from egov.platform.outbox.contract import GiveUp, Outbox, R

logger = logging.getLogger("egov.platform.outbox")

LEASE_EXPIRED = "lease expired: the worker stopped or the task overran its timeout"
MAYBE_SENT = (
    "lease expired while sending: it may have been delivered, so it is not sent "
    "again by itself; check with the recipient or the relay, then send again"
)


def due_rows(outbox: Outbox[R], at: datetime, only: Sequence[Any] | None = None) -> QuerySet[R]:
    """The rows due at `at` (only those in `only` when given), oldest due first."""
    fields, states = outbox.fields, outbox.states
    rows = outbox.rows().filter(**{f"{fields.status}__in": states.due, f"{fields.due_at}__lte": at})
    if only is not None:
        rows = rows.filter(pk__in=list(only))
    if outbox.due is not None:
        rows = outbox.due(rows)
    return rows.order_by(fields.due_at, "pk")


def lease_due(
    outbox: Outbox[R],
    *,
    limit: int,
    at: datetime | None = None,
    only: Sequence[Any] | None = None,
    also: dict[str, Any] | None = None,
) -> list[R]:
    """Lease up to `limit` due rows to this worker; `also`: more columns to set (who leased).

    PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED, so concurrent workers take
    different rows without waiting for each other. SQLite has no row locks:
    its transactions take the database's write lock at BEGIN (IMMEDIATE, see
    settings.py), so leases queue one after another and never overlap; an
    idle poll reads first, so it does not take the write lock.
    The rows are returned as leased (state, attempts, lease end, `also`).
    """
    now = at or timezone.now()
    due = due_rows(outbox, now, only)
    skip_locked = connection.features.has_select_for_update_skip_locked
    if not skip_locked and only is None and not due.exists():
        return []
    fields = outbox.fields
    with transaction.atomic():
        rows = list(due.select_for_update(skip_locked=skip_locked)[:limit])
        by_lease: dict[timedelta, list[R]] = defaultdict(list)
        for row in rows:
            by_lease[outbox.lease_for(row)].append(row)
        for lease, group in by_lease.items():
            values = {
                fields.status: outbox.states.leased,
                fields.attempts: F(fields.attempts) + 1,
                fields.lease: now + lease,
                **(also or {}),
            }
            outbox.rows().filter(pk__in=[row.pk for row in group]).update(**values)
            for row in group:
                setattr(row, fields.status, outbox.states.leased)
                setattr(row, fields.attempts, getattr(row, fields.attempts) + 1)
                setattr(row, fields.lease, now + lease)
                for name, value in (also or {}).items():
                    setattr(row, name, value)
    return rows


def release_expired(outbox: Outbox[R], *, at: datetime | None = None, limit: int = 100) -> int:
    """Take back up to `limit` leases that ran out: their attempt failed. Returns how many.

    Due again at once (the worker died; no back-off is needed), or given up
    when that was the row's last attempt.
    """
    now = at or timezone.now()
    fields = outbox.fields
    expired = outbox.rows().filter(
        **{fields.status: outbox.states.leased, f"{fields.lease}__lt": now}
    )
    if not expired.exists():  # the common case: no write (and no SQLite write lock)
        return 0
    # No lock: each write is fenced (attempt.py), so of two workers taking
    # back the same lease (or a slow worker finishing it) one write wins.
    rows = list(expired.order_by("pk")[:limit])
    error: GiveUp | str = LEASE_EXPIRED if outbox.retry_expired else GiveUp(MAYBE_SENT)
    outcomes = [fail(outbox, row, error, retry_at=now) for row in rows]
    retried = sum(1 for o in outcomes if o.recorded and o.result is Result.RETRY)
    gave_up = sum(1 for o in outcomes if o.recorded and o.result is Result.GAVE_UP)
    if retried or gave_up:
        logger.warning(
            "%s: expired leases: %s due again, %s given up", outbox.name, retried, gave_up
        )
    return retried + gave_up
