"""`egov worker` killed with SIGKILL while handing an e-mail to the relay (issue 16, item 2).

The worker runs as a real process; the relay takes the message and never
answers, so the worker is inside the SMTP exchange when it is killed. The
drain job it held is run by a second worker once its short lease runs out
(within a minute; here the lease is 3 s), and the e-mail, which the relay
may have, is not sent again: it was marked "sending" before the exchange,
and once its lease runs out it waits for a person ("Cần xử lý").
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone
from pytest_django.fixtures import Settings

from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.worker import run_pass
from egov.platform.notifications.models import OutboundEmail
from egov.platform.notifications.outbox import LEASE, SendReport, send_due
from egov.platform.notifications.tasks import DRAIN_SECONDS
from egov.platform.notifications.tests.conftest import use_smtp
from egov.platform.notifications.tests.smtp import LoopbackSMTP
from egov.platform.outbox.contract import DeliveryStatus
from egov.platform.outbox.lease import LEASE_EXPIRED, MAYBE_SENT

JOB_LEASE_SECONDS = 3


def _wait_for(check: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] or ""
    if db["PASSWORD"]:
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def hanging_relay() -> Iterator[LoopbackSMTP]:
    """Takes the message, then never answers (until long after the test)."""
    relay = LoopbackSMTP(data_delay=3600).start()
    try:
        yield relay
    finally:
        relay.stop()


@pytest.fixture
def answering_relay() -> Iterator[LoopbackSMTP]:
    relay = LoopbackSMTP().start()
    try:
        yield relay
    finally:
        relay.stop()


def _worker(relay: LoopbackSMTP) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egov.settings_test",
        "DATABASE_URL": _database_url(),
        "EGOV_JOBS_LEASE_SECONDS": str(JOB_LEASE_SECONDS),
        "EGOV_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EGOV_EMAIL_HOST": "127.0.0.1",
        "EGOV_EMAIL_PORT": str(relay.port),
        "EGOV_EMAIL_TIMEOUT": "3600",
    }
    egov = os.path.join(os.path.dirname(sys.executable), "egov")
    return subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [egov, "worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _status(email: OutboundEmail) -> str:
    email.refresh_from_db()
    return email.status


def test_a_worker_killed_mid_send_leaves_its_job_to_another_and_sends_no_email_twice(
    transactional_db: None,
    settings: Settings,
    hanging_relay: LoopbackSMTP,
    answering_relay: LoopbackSMTP,
) -> None:
    # Given an e-mail in the outbox and a worker process whose relay hangs
    settings.JOBS_LEASE_SECONDS = JOB_LEASE_SECONDS
    email = OutboundEmail.objects.create(
        to_address="hoa.le@example.vn",
        subject="Hồ sơ đã có kết quả",
        body="Nội dung",
        dedupe_key="k",
    )
    process = _worker(hanging_relay)
    try:
        # When it has handed the message over and waits for the answer
        _wait_for(lambda: len(hanging_relay.received) == 1, seconds=60, what="the message")
        assert _status(email) == DeliveryStatus.SENDING
        drain = Job.objects.get(task="notifications", status=JobStatus.RUNNING)
        assert drain.worker.endswith(f":{process.pid}")
    finally:
        # it is killed: no handler, no clean-up
        process.kill()
        process.wait()
    killed_at = time.monotonic()

    # Then a second worker takes the dead worker's drain back once its lease
    # has run out (a drain is tried once: the next slot drains again), and
    # drains in its turn
    use_smtp(settings, answering_relay.port)

    def taken_over() -> bool:
        run_pass(worker="B")
        drain.refresh_from_db()
        return drain.status == JobStatus.FAILED

    _wait_for(taken_over, seconds=4 * JOB_LEASE_SECONDS, what="another worker to take the job")
    assert time.monotonic() - killed_at <= 4 * JOB_LEASE_SECONDS
    assert (drain.attempts, drain.last_error) == (1, LEASE_EXPIRED)

    # The next slot's drain (at most DRAIN_SECONDS later) is run by the second worker
    def drained() -> bool:
        run_pass(worker="B")
        return Job.objects.filter(task="notifications", status=JobStatus.DONE).exists()

    _wait_for(drained, seconds=2 * DRAIN_SECONDS, what="the next drain")
    assert list(
        Job.objects.filter(task="notifications", status=JobStatus.DONE).values_list(
            "worker", "result"
        )
    ) == [("B", "sent 0, failed 0")]
    # and the e-mail is not sent again, neither within its lease nor after it
    assert _status(email) == DeliveryStatus.SENDING
    with time_machine.travel(timezone.now() + LEASE + timedelta(seconds=1), tick=False):
        assert send_due() == SendReport()
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (
        DeliveryStatus.GAVE_UP,
        1,
        "GiveUp: " + MAYBE_SENT,
    )
    assert len(hanging_relay.received) == 1
    assert answering_relay.received == []
