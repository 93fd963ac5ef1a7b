"""Concurrent workers: every job runs once (SQLite: conditional UPDATE; PostgreSQL: SKIP LOCKED)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.queue import enqueue
from egov.platform.jobs.tests.conftest import Calls
from egov.platform.jobs.worker import claim, run_due

WORKERS = 4
JOBS = 40


def _together(count: int, work: Callable[[int], None]) -> list[BaseException]:
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            work(index)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_run_each_job_once(calls: Calls) -> None:
    # given 40 queued jobs
    for n in range(JOBS):
        enqueue("test.record", value=n)
    ran: dict[str, int] = {}

    # when four workers drain the queue at the same time
    def work(index: int) -> None:
        ran[f"w{index}"] = len(run_due(worker=f"w{index}", limit=JOBS))

    errors = _together(WORKERS, work)

    # then every job ran exactly once, and all are done
    assert errors == []
    assert sorted(calls.seen) == list(range(JOBS))
    assert sum(ran.values()) == JOBS
    assert set(Job.objects.values_list("status", "attempts")) == {(JobStatus.DONE, 1)}


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_one_job_one_wins(calls: Calls) -> None:
    job = enqueue("test.record", value=1)
    claimed: list[tuple[str, int]] = []

    def work(index: int) -> None:
        found = claim(worker=f"w{index}")
        if found is not None:
            claimed.append((found.worker, found.pk))

    errors = _together(2, work)

    assert errors == []
    assert len(claimed) == 1
    assert claimed[0][1] == job.pk
    job.refresh_from_db()
    assert (job.status, job.attempts, job.worker) == (JobStatus.RUNNING, 1, claimed[0][0])
