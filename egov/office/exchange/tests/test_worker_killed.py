"""The sending worker killed with SIGKILL in the middle, and started again: nothing lost or doubled.

The worker is a separate process (`python -c`, the exchange's drain in a loop)
on the test database, sending through the hub of the live server. It is killed
once some documents have left; the rows it held stay leased ("sending") until
their lease runs out (made to run out at once here, as time would), then a new
worker sends the rest. The hub's consignment ids make a message sent twice
(the killed worker's last one may have reached the hub) count once.
"""

from __future__ import annotations

import signal
from typing import Any

import pytest

from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafting_fixture  # noqa: F401
from egov.office.exchange.hub.models import HubMessage
from egov.office.exchange.models import ReceivedDocument
from egov.office.exchange.tests.delivery_fixtures import LONG_AN, issued_to, pump, wait_for
from egov.office.exchange.tests.worker_process import leases_run_out, sent, start_worker

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "jeton-tinh-tay-ninh"


def test_a_killed_worker_loses_nothing_and_doubles_nothing(
    live_server: Any, settings: Any, drafting: Drafting
) -> None:
    hub = f"{live_server.url}/api/v1/exchange/hub"
    settings.EXCHANGE_ROUTING = "hub"
    settings.EXCHANGE_HUB_URL = hub
    settings.EXCHANGE_HUB_TOKEN = TOKEN
    settings.EXCHANGE_HUB_CLIENTS = f"{TOKEN}=*"
    count = 30
    documents = [issued_to(drafting, LONG_AN) for _ in range(count)]

    first = start_worker(hub, TOKEN)
    try:
        wait_for(lambda: sent() >= 10, seconds=120, what="the first worker's sends")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=20)
    assert first.returncode == -signal.SIGKILL
    assert sent() < count
    leases_run_out()

    second = start_worker(hub, TOKEN)
    try:
        wait_for(lambda: sent() == count, seconds=120, what="the second worker's sends")
    finally:
        second.terminate()
        second.wait(timeout=20)

    pump(fetch=True)
    assert HubMessage.objects.filter(kind="document").count() == count
    assert ReceivedDocument.objects.count() == count
    assert sorted(ReceivedDocument.objects.values_list("notation", flat=True)) == sorted(
        d.notation for d in documents
    )
