"""The sending worker killed with SIGKILL in the middle, and started again: nothing lost or doubled.

The worker is a separate process (`python -c`, the exchange's drain in a loop)
on the test database, sending through the hub of the live server. It is killed
once some documents have left; the rows it held stay leased ("sending") until
their lease runs out (made to run out at once here, as time would), then a new
worker sends the rest. The hub's consignment ids make a message sent twice
(the killed worker's last one may have reached the hub) count once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafting_fixture  # noqa: F401
from egov.office.exchange.hub.models import HubMessage
from egov.office.exchange.models import OutboundMessage, ReceivedDocument
from egov.office.exchange.tests.delivery_fixtures import LONG_AN, issued_to, pump, wait_for
from egov.platform.outbox.contract import DeliveryStatus

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "jeton-tinh-tay-ninh"
WORKER = """
import os, time, django
django.setup()
from django.conf import settings
settings.MEDIA_ROOT = os.environ["EXCHANGE_TEST_MEDIA"]
from egov.office.exchange.outbox import send_pending
while True:
    report = send_pending(limit=2)
    print("sent", report.sent, flush=True)
    time.sleep(0.05)
"""


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] or ""
    if db["PASSWORD"]:
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(hub: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egov.settings_test",
        "DATABASE_URL": _database_url(),
        "EGOV_EXCHANGE_ROUTING": "hub",
        "EGOV_EXCHANGE_HUB_URL": hub,
        "EGOV_EXCHANGE_HUB_TOKEN": TOKEN,
        "EXCHANGE_TEST_MEDIA": str(django_settings.MEDIA_ROOT),
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter, a fixed script
        [sys.executable, "-c", WORKER],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _sent() -> int:
    return OutboundMessage.objects.filter(status=DeliveryStatus.SENT).count()


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

    first = _worker(hub)
    try:
        wait_for(lambda: _sent() >= 10, seconds=120, what="the first worker's sends")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=20)
    assert first.returncode == -signal.SIGKILL
    assert _sent() < count
    # The killed worker's leases run out (5 minutes; here at once).
    OutboundMessage.objects.filter(status=DeliveryStatus.SENDING).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )

    second = _worker(hub)
    try:
        wait_for(lambda: _sent() == count, seconds=120, what="the second worker's sends")
    finally:
        second.terminate()
        second.wait(timeout=20)

    pump(fetch=True)
    assert HubMessage.objects.filter(kind="document").count() == count
    assert ReceivedDocument.objects.count() == count
    assert sorted(ReceivedDocument.objects.values_list("notation", flat=True)) == sorted(
        d.notation for d in documents
    )
