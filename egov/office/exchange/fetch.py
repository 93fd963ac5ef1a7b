"""Taking this deployment's agencies' messages from the hub, in the order the hub took them.

One call asks the hub for the pending messages of all the units with an
identifier at once (`POST /pending`, at most CHUNK agencies a call): a
province's deployment with hundreds of units makes one request a round, not
one per unit. Each message is handed to inbound.accept and acknowledged only
after it was accepted or refused (with the fault's code as the answer). A
crash between the two, or a lost acknowledgement, leaves it pending at the
hub: it comes again, and the receiver's seen consignment ids drop it
(`exchange_duplicate`, acknowledged). A failure that is not an explicit fault
(the database is down) stops that agency's messages for this round without
acknowledging, so nothing of it is skipped and its order holds; the other
agencies' messages go on. A full page is followed by the next one, up to
PAGES a round, while nothing failed.

A hub from before `POST /pending` answers it 404 (OlderHub): the round then
asks it agency by agency (`GET /organs/{id}/pending`, the protocol of the
first version of this module), with the same pages, acknowledgements and
order, and the next chunks of that round go straight to it (each round
tries `POST /pending` first: one request, and a hub upgraded meanwhile is
used at once).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import requests
from django.conf import settings

from egov.office.exchange.inbound import accept
from egov.office.exchange.transport.base import Envelope
from egov.office.exchange.transport.http import HubClient, OlderHub
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit

logger = logging.getLogger(__name__)

# Agencies named in one call (the hub takes up to hub.services.MAX_ORGANS).
CHUNK = 500
# Pages fetched in one round at most, so that a round ends.
PAGES = 10


@dataclass(frozen=True)
class FetchReport:
    accepted: int = 0
    refused: int = 0
    failed: int = 0  # fetch or acknowledge steps that failed (retried next time)


@dataclass
class _Counts:
    accepted: int = 0
    refused: int = 0
    failed: int = 0


def fetch_pending(*, limit: int = 50, organs: list[str] | None = None) -> FetchReport:
    if not settings.EXCHANGE_HUB_URL:
        return FetchReport()
    codes = organs or [
        code
        for code in Unit.objects.filter(is_active=True, agency_code__isnull=False)
        .order_by("pk")
        .values_list("agency_code", flat=True)
        if code
    ]
    counts = _Counts()
    older = False
    with requests.Session() as session:
        hub = HubClient(session)
        for start in range(0, len(codes), CHUNK):
            chunk = codes[start : start + CHUNK]
            if not older:
                try:
                    _pages(hub, partial(hub.pending_for, chunk, limit=limit), limit, counts)
                    continue
                except OlderHub as error:
                    logger.info("exchange: %s; asking agency by agency", error)
                    older = True
            for code in chunk:
                _pages(hub, partial(hub.pending, code, limit=limit), limit, counts)
    return FetchReport(accepted=counts.accepted, refused=counts.refused, failed=counts.failed)


def _pages(hub: HubClient, ask: Callable[[], list[Envelope]], limit: int, counts: _Counts) -> None:
    """Pages from the hub, each taken and acknowledged, until a short page or a failure.

    OlderHub passes through (the first page), for the caller to ask otherwise.
    """
    for _page in range(PAGES):
        try:
            envelopes = ask()
        except OlderHub:
            raise
        except Exception as error:  # the hub is down or flaky: next round
            logger.warning("exchange: fetching failed: %s", error)
            counts.failed += 1
            return
        failed_before = counts.failed
        _take(hub, envelopes, counts)
        if len(envelopes) < limit or counts.failed > failed_before:
            return


def _take(hub: HubClient, envelopes: list[Envelope], counts: _Counts) -> None:
    stopped: set[str] = set()  # agencies whose order must wait for the next round
    for envelope in envelopes:
        if envelope.to_organ in stopped:
            continue
        answer = ""
        try:
            accept(envelope)
            counts.accepted += 1
        except DomainError as error:
            answer = str(error.code)
            counts.refused += answer != "exchange_duplicate"
        except Exception:
            logger.exception("exchange: could not take %s", envelope.consignment_id)
            counts.failed += 1
            stopped.add(envelope.to_organ)
            continue
        try:
            hub.acknowledge(envelope.consignment_id, answer=answer)
        except Exception as error:
            # Comes again next round, then dropped as a duplicate. The next
            # ones may be taken meanwhile: this one is already kept here, so
            # the order of what the agency took still holds.
            logger.warning("exchange: acknowledging failed: %s", error)
            counts.failed += 1
