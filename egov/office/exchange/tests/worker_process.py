"""The exchange's sending worker as a separate process, for the tests that kill it with SIGKILL.

The worker is `python -c` running the outbox's drain in a loop on the test
database (SQLite file or PostgreSQL), sending through the hub at `hub`. With
`time_passes`, each round first makes the waiting retries due, as the back-off
would after its delay (delivery_fixtures.time_passes, in the worker).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from egov.office.exchange.models import OutboundMessage
from egov.platform.outbox.contract import DeliveryStatus

WORKER = """
import os, time, django
from datetime import timedelta
django.setup()
from django.conf import settings
from django.utils import timezone
settings.MEDIA_ROOT = os.environ["EXCHANGE_TEST_MEDIA"]
from egov.office.exchange.models import OutboundMessage
from egov.office.exchange.outbox import send_pending
from egov.platform.outbox.contract import DeliveryStatus
time_passes = os.environ.get("EXCHANGE_TEST_TIME_PASSES") == "1"
while True:
    if time_passes:
        OutboundMessage.objects.filter(status=DeliveryStatus.PENDING).update(
            next_attempt_at=timezone.now() - timedelta(seconds=1)
        )
    report = send_pending(limit=2)
    print("sent", report.sent, flush=True)
    time.sleep(0.05)
"""


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] or ""
    if db["PASSWORD"]:
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(
    hub: str, token: str, *, timeout_ms: int = 30000, time_passes: bool = False
) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egov.settings_test",
        "DATABASE_URL": database_url(),
        "EGOV_EXCHANGE_ROUTING": "hub",
        "EGOV_EXCHANGE_HUB_URL": hub,
        "EGOV_EXCHANGE_HUB_TOKEN": token,
        "EGOV_EXCHANGE_HTTP_TIMEOUT_MS": str(timeout_ms),
        "EXCHANGE_TEST_MEDIA": str(django_settings.MEDIA_ROOT),
        "EXCHANGE_TEST_TIME_PASSES": "1" if time_passes else "0",
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter, a fixed script
        [sys.executable, "-c", WORKER],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def sent() -> int:
    return OutboundMessage.objects.filter(status=DeliveryStatus.SENT).count()


def leases_run_out() -> int:
    """The killed worker's leases (5 minutes) run out, here at once."""
    return OutboundMessage.objects.filter(status=DeliveryStatus.SENDING).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
