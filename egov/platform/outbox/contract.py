"""What an outbox is: its rows' columns and states, its retry schedule, how it sends.

Read egov/platform/outbox/__init__.py first: it explains how these fit.
Nothing here touches the database, so it imports no model.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Generic, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

R = TypeVar("R", bound=models.Model)

# One attempt at one row: returns what the row keeps (see `Outbox.done_values`)
# or raises (GiveUp: never retry; anything else: retry after the back-off).
Send = Callable[[R], Any]


class GiveUp(Exception):  # noqa: N818 - reads as what the sender does
    """Raised by a sender that must not be retried (e.g. the requester lost access)."""


class DeliveryStatus(models.TextChoices):
    """The states of an `OutboxRow` (egov/platform/outbox/models.py)."""

    # Waiting for an attempt at `next_attempt_at`: new, or to be retried after
    # a failed attempt (`attempts` and `last_error` tell which).
    PENDING = "pending", _("Chờ gửi")
    # Leased by a worker until `next_attempt_at`; if it is still sending then
    # (the worker died), the attempt counts as failed and the row is due again.
    SENDING = "sending", _("Đang gửi")
    # Delivered at `sent_at`.
    SENT = "sent", _("Đã gửi")
    # Out of attempts, or refused for good: a person must look at `last_error`
    # (an audit event "outbox.gave_up" and a log line at ERROR say so).
    GAVE_UP = "gave_up", _("Cần xử lý")


@dataclass(frozen=True)
class RowFields:
    """The columns the helper reads and writes; the defaults are `OutboxRow`'s.

    An older model whose columns have other names maps them here (the job
    queue: `run_after`, `finished_at`).
    """

    status: str = "status"
    attempts: str = "attempts"
    # When the row is due (while pending or retrying).
    due_at: str = "next_attempt_at"
    # When a lease ends. None: `due_at` holds it while the row is leased, and
    # is emptied when the row is sent or given up. A model with its own lease
    # column keeps `due_at` as it was and empties the lease column instead.
    lease_until: str | None = None
    last_error: str = "last_error"
    # For the metrics' oldest pending row.
    created_at: str = "created_at"
    # Set to the moment the row was sent / given up (None: not recorded).
    done_at: str | None = "sent_at"
    gave_up_at: str | None = None

    @property
    def lease(self) -> str:
        return self.lease_until or self.due_at


@dataclass(frozen=True)
class RowStates:
    """The values of the status column for each state; the defaults are `DeliveryStatus`'s."""

    pending: str = DeliveryStatus.PENDING.value
    # After a failed attempt; may be the same value as `pending`.
    retrying: str = DeliveryStatus.PENDING.value
    leased: str = DeliveryStatus.SENDING.value
    done: str = DeliveryStatus.SENT.value
    gave_up: str = DeliveryStatus.GAVE_UP.value

    @property
    def due(self) -> list[str]:
        """The states a row is leased from once its `due_at` has passed."""
        return list(dict.fromkeys([self.pending, self.retrying]))

    @property
    def unfinished(self) -> list[str]:
        return [*self.due, self.leased]


@dataclass(frozen=True)
class Retry:
    """Exponential back-off: the n-th failed attempt waits first * 2^(n-1), at most `cap`.

    The `max_attempts`-th failure gives the row up instead of waiting.
    """

    first: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    max_attempts: int = 10

    def delay(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failed attempt."""
        # The exponent is bounded: 2^20 times any sensible `first` is past any cap.
        return min(self.first * (1 << min(max(attempts, 1) - 1, 20)), self.cap)

    def gives_up(self, attempts: int) -> bool:
        """Whether the `attempts`-th failed attempt is the last one."""
        return attempts >= self.max_attempts

    def waits(self) -> list[timedelta]:
        """Every wait between the first attempt and the last, in order."""
        return [self.delay(n) for n in range(1, self.max_attempts)]


def _no_values(result: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Outbox(Generic[R]):
    """One outbox: its model, how a batch sends, and its schedule.

    `connect()` opens what the rows of one batch share (an SMTP connection,
    an HTTP session) and yields the function that makes one attempt at one
    row (`lambda: nullcontext(send)` when nothing is shared). If opening it
    fails, every row of the batch has failed that attempt.
    """

    name: str  # in logs, metrics and the give-up's audit event: "email", "portal_sync"
    model: type[R]
    connect: Callable[[], AbstractContextManager[Send[R]]]
    retry: Retry = Retry()
    # Longer than one attempt can take: a lease that runs out while the
    # worker is still sending lets a second worker send the row again.
    lease: timedelta = timedelta(minutes=5)
    # False: a row whose lease ran out is not sent again by itself but given
    # up for a person to look at, because the receiver may already have it
    # (an e-mail handed to the relay when its worker was killed).
    retry_expired: bool = True
    fields: RowFields = RowFields()
    states: RowStates = RowStates()
    # Narrows the due rows (the national portal: only the first unsent change
    # of each dossier, so they arrive in order).
    due: Callable[[models.QuerySet[R]], models.QuerySet[R]] | None = None
    # Per-row schedule and lease (the job queue: each task has its own).
    retry_of: Callable[[R], Retry] | None = None
    lease_of: Callable[[R], timedelta] | None = None
    # Columns to set from what a successful attempt returned (a job's result).
    done_values: Callable[[Any], dict[str, Any]] = field(default=_no_values)
    # How a row is named in log lines.
    describe: Callable[[R], str] | None = None
    # Called with the row in the transaction that marks it sent (the national
    # portal: the statistics count when a dossier was synchronised).
    on_done: Callable[[R], None] | None = None

    def retry_for(self, row: R) -> Retry:
        return self.retry_of(row) if self.retry_of is not None else self.retry

    def lease_for(self, row: R) -> timedelta:
        return self.lease_of(row) if self.lease_of is not None else self.lease

    def label(self, row: R) -> str:
        return self.describe(row) if self.describe is not None else f"{self.name} {row.pk}"

    def rows(self) -> models.QuerySet[R]:
        return self.model._default_manager.all()
