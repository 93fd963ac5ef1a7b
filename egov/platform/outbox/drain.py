"""One pass over an outbox: take back dead leases, lease due rows, try each once."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from egov.platform.outbox.attempt import Outcome, Result, attempt, fail
from egov.platform.outbox.contract import Outbox, R
from egov.platform.outbox.lease import lease_due, release_expired

logger = logging.getLogger("egov.platform.outbox")


@dataclass(frozen=True)
class DrainReport:
    sent: int = 0
    retried: int = 0  # failed, to be tried again after the back-off
    gave_up: int = 0  # failed for the last time

    @property
    def failed(self) -> int:
        return self.retried + self.gave_up

    @classmethod
    def of(cls, outcomes: Sequence[Outcome]) -> DrainReport:
        def count(result: Result) -> int:
            return sum(1 for o in outcomes if o.result is result)

        return cls(
            sent=count(Result.SENT), retried=count(Result.RETRY), gave_up=count(Result.GAVE_UP)
        )


def drain(outbox: Outbox[R], *, limit: int = 100, only: Sequence[Any] | None = None) -> DrainReport:
    """Try up to `limit` due rows once each (only those in `only` when given). Never raises.

    `only` is for the sender right after a commit (its own new rows): it
    leaves the expired leases to the periodic drain.
    """
    try:
        if only is None:
            release_expired(outbox)
        rows = lease_due(outbox, limit=limit, only=only)
    except Exception:
        logger.exception("%s: could not lease due rows", outbox.name)
        return DrainReport()
    if not rows:
        return DrainReport()
    outcomes: list[Outcome] = []
    try:
        with outbox.connect() as send:
            for row in rows:
                outcomes.append(attempt(outbox, row, send))
    except Exception as exc:  # opening (or closing) what the batch shares failed
        # The rows not tried yet failed this attempt with it.
        outcomes.extend(fail(outbox, row, exc) for row in rows[len(outcomes) :])
    return DrainReport.of(outcomes)
