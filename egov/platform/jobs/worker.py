"""The worker: schedule periodic jobs, claim due jobs, run them, record the outcome.

The queue is one of the platform's outboxes (egov/platform/outbox): a claim
is the helper's lease (status running, one more attempt, `lease_until` =
now + JOBS_LEASE_SECONDS, a minute), a run is one attempt, a failure waits the task's
back-off, and the `max_attempts`-th failure (or GiveUp) fails the job for
good, for an administrator to look at. Tasks run outside any transaction:
each opens its own (service functions are durable), and a long task must not
hold locks. The outcome is written only if the job is still running with
the same attempt count, so a worker that overran its lease cannot overwrite
the run that replaced it.

The lease is short so that the job of a worker that died (kill -9, a lost
machine) is taken back within a minute; while a job runs, a heartbeat thread
renews the lease every third of it, up to the task's `timeout` after the
start, so a long export is not taken from a worker that is alive, and one
that hangs past its timeout is (issue 16, item 2).
"""

from __future__ import annotations

import os
import socket
import threading
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from egov.platform.jobs.heartbeat import beat
from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.queue import enqueue
from egov.platform.jobs.registry import GiveUp, JsonValue, Task, get_task, periodic_tasks
from egov.platform.outbox.attempt import Result, attempt
from egov.platform.outbox.contract import Outbox, Retry, RowFields, RowStates, Send
from egov.platform.outbox.lease import lease_due, release_expired

# Lease of a job whose task is unknown to this process (removed from the code).
_UNKNOWN_TASK_LEASE = timedelta(minutes=10)


@dataclass(frozen=True)
class Outcome:
    job: int
    task: str
    status: JobStatus
    result: Any = None
    error: str = ""

    def line(self) -> str:
        if self.status == JobStatus.DONE:
            return f"{self.task}: {self.result}"
        return f"{self.task}: error: {self.error}"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def lease_length() -> timedelta:
    return timedelta(seconds=settings.JOBS_LEASE_SECONDS)


def _timeout(job: Job) -> timedelta:
    found = get_task(job.task)
    return found.timeout if found is not None else _UNKNOWN_TASK_LEASE


def _lease(job: Job) -> timedelta:
    return min(lease_length(), _timeout(job))


class Heartbeat:
    """Renews a running job's lease from a thread until stopped (or the task's timeout).

    Each renewal is fenced like the outcome's write (the same worker, the
    same attempt, still running), so a heartbeat never revives a lease that
    was taken back. The thread uses its own database connection and closes it.
    """

    def __init__(self, job: Job) -> None:
        self.job = job
        self.stopped = threading.Event()
        self.interval = lease_length().total_seconds() / 3
        self.until = (job.started_at or timezone.now()) + _timeout(job)
        self.thread = threading.Thread(target=self._beat, name=f"heartbeat-{job.pk}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def renew(self) -> bool:
        """Push the lease one lease length ahead (not past the timeout); False if it is lost."""
        lease_until = min(timezone.now() + lease_length(), self.until)
        renewed = Job.objects.filter(
            pk=self.job.pk,
            status=JobStatus.RUNNING,
            attempts=self.job.attempts,
            worker=self.job.worker,
        ).update(lease_until=lease_until)
        # The worker's own heartbeat too: its loop does not go round while a
        # long job runs, and the health page must not call it stale.
        beat(worker=self.job.worker)
        return renewed == 1

    def _beat(self) -> None:
        try:
            # The first renewal comes only after a third of the lease: a
            # short job never touches the database from this thread.
            while not self.stopped.wait(self.interval):
                if timezone.now() >= self.until or not self.renew():
                    return
        finally:
            connection.close()


def _retry(job: Job) -> Retry:
    found = get_task(job.task)
    # The job keeps the task's max_attempts from when it was queued.
    return replace(found.retry if found is not None else Retry(), max_attempts=job.max_attempts)


def _run(job: Job) -> JsonValue:
    found: Task | None = get_task(job.task)
    if found is None:
        raise GiveUp(f"unknown task {job.task!r}")
    return found.func(**job.kwargs)


def _connect() -> nullcontext[Send[Job]]:
    return nullcontext(_run)


def _result(value: JsonValue) -> dict[str, Any]:
    return {"result": value}


def _describe(job: Job) -> str:
    return f"job {job.pk} ({job.task})"


JOBS: Outbox[Job] = Outbox(
    name="jobs",
    model=Job,
    connect=_connect,
    fields=RowFields(
        due_at="run_after",
        lease_until="lease_until",
        done_at="finished_at",
        gave_up_at="finished_at",
    ),
    states=RowStates(
        pending=JobStatus.QUEUED,
        retrying=JobStatus.QUEUED,
        leased=JobStatus.RUNNING,
        done=JobStatus.DONE,
        gave_up=JobStatus.FAILED,
    ),
    retry_of=_retry,
    lease_of=_lease,
    done_values=_result,
    describe=_describe,
)

_STATUS = {
    Result.SENT: JobStatus.DONE,
    Result.RETRY: JobStatus.QUEUED,
    Result.GAVE_UP: JobStatus.FAILED,
}


def claim(*, worker: str, at: datetime | None = None) -> Job | None:
    """Take the next due job for `worker`; None when nothing is due.

    The outbox's lease: on PostgreSQL concurrent workers each take a
    different job without waiting (SKIP LOCKED); on SQLite claims queue.
    """
    now = at or timezone.now()
    leased = lease_due(JOBS, limit=1, at=now, also={"worker": worker, "started_at": now})
    return leased[0] if leased else None


def run_job(job: Job) -> Outcome:
    """Run a claimed job and record how it went. Never raises."""
    with Heartbeat(job):
        outcome = attempt(JOBS, job, _run)
    status = _STATUS[outcome.result]
    result = outcome.value if status == JobStatus.DONE else None
    return Outcome(job.pk, job.task, status, result=result, error=outcome.error)


def requeue_abandoned(at: datetime | None = None) -> int:
    """Queue again the running jobs whose lease ran out; fail those out of attempts."""
    return release_expired(JOBS, at=at)


def slot_key(found: Task, slot: datetime) -> str:
    return f"{found.name}@{slot.isoformat()}"


def schedule_periodic(at: datetime | None = None) -> list[Job]:
    """Queue each periodic task's current slot, once across all workers."""
    now = at or timezone.now()
    queued: list[Job] = []
    for found in periodic_tasks():
        assert found.schedule is not None  # noqa: S101 - periodic_tasks() filters
        slot = found.schedule.slot(now)
        key = slot_key(found, slot)
        # Done slots keep their row (until pruned), so a slot never runs twice;
        # two workers racing past this check meet the unique constraint.
        if Job.objects.filter(unique_key=key).exists():
            continue
        queued.append(enqueue(found, run_after=slot, unique_key=key))
    return queued


def run_due(*, worker: str | None = None, limit: int = 100) -> list[Outcome]:
    """Claim and run due jobs, one at a time, until none is due (or `limit` ran)."""
    name = worker or worker_name()
    outcomes: list[Outcome] = []
    while len(outcomes) < limit:
        job = claim(worker=name)
        if job is None:
            break
        outcomes.append(run_job(job))
    return outcomes


def run_pass(*, worker: str | None = None, limit: int = 100) -> list[Outcome]:
    """One pass: requeue abandoned jobs, schedule periodic ones, run what is due."""
    requeue_abandoned()
    schedule_periodic()
    return run_due(worker=worker, limit=limit)
