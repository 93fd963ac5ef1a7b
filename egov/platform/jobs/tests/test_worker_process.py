"""`egov worker` as a real process survives its database connection being killed.

Issue 16, item 2: the worker used to exit on `OperationalError: the connection
is closed` after a database restart, and nothing restarted it. Here the test
terminates the worker's server process on PostgreSQL, the way a restart or a
failover does, then queues a job and expects the same worker to run it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from pytest_django.fixtures import Settings

from egov.platform.jobs.management.commands.worker import backoff_delay
from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.queue import enqueue

postgresql_only = pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="terminating a server connection (pg_terminate_backend) needs PostgreSQL",
)

APP_NAME = "egov-worker-under-test"


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] or ""
    if db["PASSWORD"]:
        auth += f":{db['PASSWORD']}"
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}?application_name={APP_NAME}"


@pytest.fixture
def worker_process(transactional_db: None) -> Iterator[subprocess.Popen[str]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egov.settings_test",
        "DATABASE_URL": _database_url(),
        "EGOV_WORKER_DB_RETRY_FIRST_SECONDS": "1",
        "EGOV_WORKER_DB_RETRY_MAX_SECONDS": "2",
    }
    egov = Path(sys.executable).parent / "egov"
    process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [str(egov), "worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def _wait_for(check: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _worker_backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND pid <> "
            "pg_backend_pid()",
            [APP_NAME],
        )
        return [row[0] for row in cursor.fetchall()]


def _terminate_worker_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = %s AND pid <> pg_backend_pid()) AS terminated",
            [APP_NAME],
        )
        row = cursor.fetchone()
    assert row is not None
    return int(row[0])


def _status(job: Job) -> str:
    job.refresh_from_db()
    return job.status


def test_backoff_doubles_from_the_first_delay_up_to_the_largest(
    settings: Settings,
) -> None:
    settings.WORKER_DB_RETRY_FIRST_SECONDS = 1
    settings.WORKER_DB_RETRY_MAX_SECONDS = 30
    assert [backoff_delay(n) for n in range(1, 8)] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert backoff_delay(10_000) == 30.0


@postgresql_only
def test_worker_runs_jobs_after_its_connection_is_terminated(
    worker_process: subprocess.Popen[str],
) -> None:
    first = enqueue("jobs.prune")
    _wait_for(lambda: _status(first) == JobStatus.DONE, seconds=60, what="the first job")
    assert _worker_backends() != []

    assert _terminate_worker_backends() == 1
    _wait_for(lambda: _worker_backends() == [], seconds=10, what="the backend to end")
    # Let the worker hit the dead connection at least once before the next job.
    time.sleep(1.0)

    second = enqueue("jobs.prune")
    _wait_for(lambda: _status(second) == JobStatus.DONE, seconds=60, what="the second job")
    assert worker_process.poll() is None
    assert second.result == "deleted 0 done, 0 failed"
    assert second.attempts == 1
