"""`egov worker` as a real process: its connection killed, or itself killed.

Issue 16, item 2: the worker used to exit on `OperationalError: the connection
is closed` after a database restart, and nothing restarted it. Here the test
terminates the worker's server process on PostgreSQL, the way a restart or a
failover does, then queues a job and expects the same worker to run it. And
a worker killed with SIGKILL mid-job used to hold the job for its 30-minute
lease; now the lease is short and renewed while the job runs, so another
worker runs it once the lease runs out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from pytest_django.fixtures import Settings

from egov.platform.jobs.management.commands.worker import backoff_delay
from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.queue import enqueue
from egov.platform.jobs.registry import task, unregister
from egov.platform.jobs.worker import requeue_abandoned, run_due

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


# The worker killed mid-job runs this version of the task: it sleeps far
# longer than the test lasts, so only the kill ends its run.
_SLEEPY_WORKER = """
import time

import django

django.setup()

from django.core.management import call_command

from egov.platform.jobs.registry import task


@task("test.sleepy", max_attempts=3)
def sleepy(*, seconds: float) -> str:
    time.sleep(seconds)
    return "slept"


call_command("worker", interval=0.2)
"""

LEASE_SECONDS = 3


@pytest.fixture
def sleepy_task() -> Iterator[list[float]]:
    """The same task in this process (the second worker), which returns at once."""
    seen: list[float] = []

    @task("test.sleepy", max_attempts=3)
    def sleepy(*, seconds: float) -> str:
        seen.append(seconds)
        return "woke"

    yield seen
    unregister("test.sleepy")


def test_the_job_of_a_killed_worker_is_run_by_another_after_the_lease(
    transactional_db: None, settings: Settings, sleepy_task: list[float]
) -> None:
    settings.JOBS_LEASE_SECONDS = LEASE_SECONDS
    job = enqueue("test.sleepy", seconds=600)
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.postgresql":
        url = _database_url()
    else:
        url = f"sqlite:///{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egov.settings_test",
        "DATABASE_URL": url,
        "EGOV_JOBS_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", _SLEEPY_WORKER],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: _status(job) == JobStatus.RUNNING, seconds=60, what="the claim")
        assert job.worker.endswith(f":{process.pid}")
        assert job.started_at is not None
        # Alive, the worker's heartbeat keeps the short lease ahead: after
        # two lease lengths the job is still its own.
        time.sleep(2 * LEASE_SECONDS)
        assert requeue_abandoned() == 0
        job.refresh_from_db()
        assert job.status == JobStatus.RUNNING
        assert job.lease_until is not None
        assert job.lease_until > job.started_at + timedelta(seconds=LEASE_SECONDS)
    finally:
        process.kill()  # SIGKILL: no handler, no clean-up
        process.wait()
    killed_at = time.monotonic()

    def taken_over() -> bool:
        requeue_abandoned()
        run_due(worker="B")
        return _status(job) == JobStatus.DONE

    _wait_for(taken_over, seconds=4 * LEASE_SECONDS, what="another worker to take the job")
    assert time.monotonic() - killed_at <= 4 * LEASE_SECONDS
    assert (job.status, job.attempts, job.worker, job.result) == (JobStatus.DONE, 2, "B", "woke")
    assert sleepy_task == [600]
