"""Taking this deployment's agencies' messages from the hub, in the order the hub took them.

For each unit with an identifier, the pending messages are fetched, handed
to inbound.accept one by one, and each is acknowledged only after it was
accepted or refused (with the fault's code as the answer). A crash between
the two, or a lost acknowledgement, leaves it pending at the hub: it comes
again, and the receiver's seen consignment ids drop it (`exchange_duplicate`,
acknowledged). A failure
that is not an explicit fault (the database is down) stops this agency's
round without acknowledging, so nothing is skipped and the order holds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import requests
from django.conf import settings

from egov.office.exchange.inbound import accept
from egov.office.exchange.transport.http import HubClient
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FetchReport:
    accepted: int = 0
    refused: int = 0
    failed: int = 0  # fetch or acknowledge rounds that failed (retried next time)


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
    accepted = refused = failed = 0
    with requests.Session() as session:
        hub = HubClient(session)
        for code in codes:
            try:
                envelopes = hub.pending(code, limit=limit)
            except Exception as error:  # the hub is down or flaky: next round
                logger.warning("exchange: fetching for %s failed: %s", code, error)
                failed += 1
                continue
            for envelope in envelopes:
                answer = ""
                try:
                    accept(envelope)
                    accepted += 1
                except DomainError as error:
                    answer = str(error.code)
                    refused += answer != "exchange_duplicate"
                except Exception:
                    logger.exception("exchange: could not take %s", envelope.consignment_id)
                    failed += 1
                    break
                try:
                    hub.acknowledge(envelope.consignment_id, answer=answer)
                except Exception as error:
                    # Comes again next round, then dropped as a duplicate. The next
                    # ones may be taken meanwhile: this one is already kept here, so
                    # the order of what the agency took still holds.
                    logger.warning("exchange: acknowledging failed: %s", error)
                    failed += 1
    return FetchReport(accepted=accepted, refused=refused, failed=failed)
