"""What the national-portal sync does when a dossier changes (egov/onestop/events.py)."""

from __future__ import annotations

from egov.onestop.events import DossierChanged
from egov.onestop.portalsync.services import record_change
from egov.platform.core.events import Moment, subscribe


def queue_change(changed: DossierChanged) -> None:
    record_change(changed.dossier, str(changed.event), changed.actor)


def connect() -> None:
    # In the transaction: the outbox row commits or rolls back with the change.
    subscribe(DossierChanged, queue_change, moment=Moment.IN_TRANSACTION)
