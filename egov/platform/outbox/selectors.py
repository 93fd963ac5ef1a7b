"""How an outbox is doing, in one query: for the admin, monitoring and tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

from egov.platform.outbox.contract import Outbox, R


@dataclass(frozen=True)
class OutboxMetrics:
    # Not finished: waiting for a first attempt or a retry, or being sent.
    pending: int
    # Of those: waiting again after a failed attempt.
    retrying: int
    # Of those: leased by a worker now.
    sending: int
    sent: int
    # Waiting for a person (the admin's "Cần xử lý").
    gave_up: int
    # How long the oldest unfinished row has waited since it was created.
    oldest_pending_age: timedelta | None


def outbox_metrics(outbox: Outbox[R], *, at: datetime | None = None) -> OutboxMetrics:
    fields, states = outbox.fields, outbox.states
    unfinished = Q(**{f"{fields.status}__in": states.unfinished})
    numbers = outbox.rows().aggregate(
        pending=Count("pk", filter=unfinished),
        retrying=Count(
            "pk",
            filter=Q(**{f"{fields.status}__in": states.due, f"{fields.attempts}__gt": 0}),
        ),
        sending=Count("pk", filter=Q(**{fields.status: states.leased})),
        sent=Count("pk", filter=Q(**{fields.status: states.done})),
        gave_up=Count("pk", filter=Q(**{fields.status: states.gave_up})),
        oldest=Min(fields.created_at, filter=unfinished),
    )
    oldest: datetime | None = numbers.pop("oldest")
    age = None if oldest is None else (at or timezone.now()) - oldest
    return OutboxMetrics(**numbers, oldest_pending_age=age)
