"""What the quality system does when an internal process is saved (egov/onestop/events.py)."""

from __future__ import annotations

from egov.onestop.events import ProcessSaved
from egov.onestop.quality.services import propose_edition
from egov.platform.core.events import Moment, subscribe


def propose_next_edition(saved: ProcessSaved) -> None:
    propose_edition(actor=saved.actor, process=saved.process)


def connect() -> None:
    # In the transaction: the draft commits or rolls back with the process.
    subscribe(ProcessSaved, propose_next_edition, moment=Moment.IN_TRANSACTION)
