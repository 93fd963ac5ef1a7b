"""One attempt at a leased row, and writing how it went: sent, retried later, or given up.

Every write is fenced on (pk, leased state, attempts): a worker that overran
its lease, while the row was taken back and leased again, matches no row
and changes nothing.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from egov.platform.audit.services import record_event
from egov.platform.outbox.contract import GiveUp, Outbox, R, Send

logger = logging.getLogger("egov.platform.outbox")

GAVE_UP_EVENT = "outbox.gave_up"


class Result(enum.Enum):
    SENT = "sent"
    RETRY = "retry"
    GAVE_UP = "gave_up"


@dataclass(frozen=True)
class Outcome:
    pk: Any
    result: Result
    value: Any = None  # what the sender returned
    error: str = ""
    # False: the lease had been taken over (or the write failed), nothing was written.
    recorded: bool = True


def error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def attempt(outbox: Outbox[R], row: R, send: Send[R]) -> Outcome:
    """Make one attempt at `row` (leased by this worker) and record it. Never raises."""
    try:
        value = send(row)
    except Exception as exc:  # the network, the receiver, the task: anything is retried
        return fail(outbox, row, exc)
    return _safely(outbox, row, Outcome(row.pk, Result.SENT, value=value))


def fail(
    outbox: Outbox[R], row: R, error: BaseException | str, *, retry_at: datetime | None = None
) -> Outcome:
    """Record a failed attempt: retried after the back-off (or at `retry_at`), or given up.

    Given up when the sender raised GiveUp or this was the last attempt.
    """
    text = error if isinstance(error, str) else error_text(error)
    attempts: int = getattr(row, outbox.fields.attempts)
    if isinstance(error, GiveUp) or outbox.retry_for(row).gives_up(attempts):
        return _safely(outbox, row, Outcome(row.pk, Result.GAVE_UP, error=text), exc=error)
    return _safely(outbox, row, Outcome(row.pk, Result.RETRY, error=text), retry_at=retry_at)


def _safely(
    outbox: Outbox[R],
    row: R,
    outcome: Outcome,
    *,
    retry_at: datetime | None = None,
    exc: BaseException | str | None = None,
) -> Outcome:
    try:
        written = _record(outbox, row, outcome, retry_at=retry_at)
    except Exception:
        # The lease makes the row due again later (so a row whose success
        # could not be written is sent again: at least once, never lost).
        logger.exception("%s: could not record the outcome", outbox.label(row))
        written = False
    if not written:
        logger.info("%s: outcome not recorded, the lease was taken over", outbox.label(row))
        return Outcome(outcome.pk, outcome.result, outcome.value, outcome.error, recorded=False)
    _log(outbox, row, outcome, exc)
    return outcome


def _record(outbox: Outbox[R], row: R, outcome: Outcome, *, retry_at: datetime | None) -> bool:
    fields, states = outbox.fields, outbox.states
    now = timezone.now()
    # The lease ends; when `due_at` held it, the retry's time replaces it below.
    values: dict[str, Any] = {fields.last_error: outcome.error, fields.lease: None}
    if outcome.result is Result.RETRY:
        attempts: int = getattr(row, fields.attempts)
        values[fields.status] = states.retrying
        values[fields.due_at] = retry_at or now + outbox.retry_for(row).delay(attempts)
        return _write(outbox, row, values)
    if outcome.result is Result.SENT:
        values |= {fields.status: states.done, **outbox.done_values(outcome.value)}
        if fields.done_at is not None:
            values[fields.done_at] = now
        if outbox.on_done is None:
            return _write(outbox, row, values)
        # The row and what follows from its sending, together or not at all.
        with transaction.atomic():
            written = _write(outbox, row, values)
            if written:
                outbox.on_done(row)
        return written
    values[fields.status] = states.gave_up
    if fields.gave_up_at is not None:
        values[fields.gave_up_at] = now
    # The row and its trace for the administrators, together or not at all.
    with transaction.atomic():
        written = _write(outbox, row, values)
        if written:
            record_event(
                event_type=GAVE_UP_EVENT,
                actor=None,
                target=row,
                details={
                    "outbox": outbox.name,
                    "attempts": getattr(row, fields.attempts),
                    "error": outcome.error[:200],
                },
            )
    return written


def _write(outbox: Outbox[R], row: R, values: dict[str, Any]) -> bool:
    fields = outbox.fields
    fence = {
        "pk": row.pk,
        fields.status: outbox.states.leased,
        fields.attempts: getattr(row, fields.attempts),
    }
    return outbox.rows().filter(**fence).update(**values) == 1


def _log(outbox: Outbox[R], row: R, outcome: Outcome, exc: BaseException | str | None) -> None:
    attempts = getattr(row, outbox.fields.attempts)
    if outcome.result is Result.RETRY:
        logger.warning(
            "%s failed (attempt %s/%s), retried later: %s",
            outbox.label(row),
            attempts,
            outbox.retry_for(row).max_attempts,
            outcome.error,
        )
    elif outcome.result is Result.GAVE_UP:
        # ERROR: someone has to look (the row waits in the admin as given up).
        logger.error(
            "%s given up after %s attempts: %s",
            outbox.label(row),
            attempts,
            outcome.error,
            exc_info=exc if isinstance(exc, BaseException) else None,
        )
