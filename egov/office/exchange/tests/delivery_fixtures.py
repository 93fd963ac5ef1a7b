"""Shared pieces of the delivery tests: a document issued to agencies, the worker's rounds."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

from django.utils import timezone

from egov.office.documents.models import OutgoingDocument, Relation
from egov.office.documents.services.outgoing import issue_outgoing
from egov.office.documents.tests.outgoing_fixtures import Drafting, approved
from egov.office.exchange.fetch import fetch_pending
from egov.office.exchange.models import HubMessage, OutboundMessage, ReceivedDocument
from egov.office.exchange.outbox import send_pending
from egov.platform.outbox.contract import DeliveryStatus

PROVINCE = "000.00.00.H53"  # Tỉnh Tây Ninh, the issuing body of the drafts
LONG_AN = "000.01.30.H53"  # Phường Long An, a unit of the test province
TAN_NINH = "000.02.30.H53"


def issued_to(d: Drafting, *organ_ids: str, **changes: object) -> OutgoingDocument:
    values: dict[str, object] = {"internal_units": [], "external_names": [], **changes}
    document = approved(d, exchange_agencies=list(organ_ids), **values)
    return issue_outgoing(actor=d.cast.clerk, document=document)


class Replaced(NamedTuple):
    """A document and its replacement, both issued to Long An and received there."""

    document: OutgoingDocument
    replacement: OutgoingDocument
    earlier: ReceivedDocument
    later: ReceivedDocument


def replaced_at_long_an(d: Drafting) -> Replaced:
    document = issued_to(d, LONG_AN)
    replacement = issued_to(d, LONG_AN, relation=Relation.REPLACE, related=document)
    pump()
    return Replaced(
        document=document,
        replacement=replacement,
        earlier=ReceivedDocument.objects.get(notation=document.notation),
        later=ReceivedDocument.objects.get(notation=replacement.notation),
    )


def time_passes() -> None:
    """Make every waiting retry due now (the back-off has passed)."""
    OutboundMessage.objects.filter(status=DeliveryStatus.PENDING).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def _unfinished() -> bool:
    return (
        OutboundMessage.objects.exclude(
            status__in=[DeliveryStatus.SENT, DeliveryStatus.GAVE_UP]
        ).exists()
        or HubMessage.objects.filter(acknowledged_at__isnull=True).exists()
    )


def pump(rounds: int = 20, *, fetch: bool = False) -> int:
    """The worker's rounds until nothing is left to send or, with `fetch`, to take.

    The tests' hub runs in this database, so they see when it is empty. Returns
    the rounds it took.
    """
    for round_ in range(1, rounds + 1):
        time_passes()
        send_pending(limit=500)
        if fetch:
            fetch_pending(limit=200, organs=[PROVINCE, LONG_AN])
        if not _unfinished():
            return round_
    raise AssertionError(f"still unfinished after {rounds} rounds")


def wait_for(check: Callable[[], bool], *, seconds: float, what: str, pause: float = 0.05) -> None:
    """Until `check` holds (another process's work), or fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(pause)
