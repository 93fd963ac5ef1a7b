"""The worker: schedule periodic jobs, claim due jobs, run them, record the outcome.

Tasks run outside any transaction: each opens its own (service functions
are durable), and a long task must not hold locks. The outcome is written
with a conditional UPDATE on (pk, status=running, attempts), so a worker
that overran its lease cannot overwrite the run that replaced it.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.queue import enqueue
from egov.platform.jobs.registry import GiveUp, Task, get_task, periodic_tasks

logger = logging.getLogger(__name__)

# Candidates looked at per SQLite claim before giving up for this poll.
_SQLITE_CANDIDATES = 10
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


def _lease(task_name: str) -> timedelta:
    found = get_task(task_name)
    return found.timeout if found is not None else _UNKNOWN_TASK_LEASE


def claim(*, worker: str, at: datetime | None = None) -> Job | None:
    """Take the next due job for `worker`; None when nothing is due.

    PostgreSQL: the row is locked with SKIP LOCKED, so concurrent workers each
    take a different job without waiting. SQLite has no row locks: the claim
    is a conditional UPDATE that only the first worker finds still queued.
    """
    now = at or timezone.now()
    due = Job.objects.filter(status=JobStatus.QUEUED, run_after__lte=now).order_by(
        "run_after", "pk"
    )
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            job = due.select_for_update(skip_locked=True).first()
            if job is None:
                return None
            _take(job.pk, job.task, worker=worker, at=now)
        return Job.objects.get(pk=job.pk)
    # Read first: an idle poll must not take SQLite's write lock.
    for pk, name in list(due.values_list("pk", "task")[:_SQLITE_CANDIDATES]):
        if _take(pk, name, worker=worker, at=now):
            return Job.objects.get(pk=pk)
    return None


def _take(pk: int, task_name: str, *, worker: str, at: datetime) -> bool:
    taken = Job.objects.filter(pk=pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        attempts=F("attempts") + 1,
        worker=worker,
        started_at=at,
        lease_until=at + _lease(task_name),
    )
    return taken == 1


def _finish(job: Job, **values: Any) -> None:
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts).update(
        lease_until=None, **values
    )


def run_job(job: Job) -> Outcome:
    """Run a claimed job and record how it went. Never raises."""
    found: Task | None = get_task(job.task)
    try:
        if found is None:
            raise GiveUp(f"unknown task {job.task!r}")
        result = found.func(**job.kwargs)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]
        now = timezone.now()
        if found is None or isinstance(exc, GiveUp) or job.attempts >= job.max_attempts:
            logger.exception("job %s (%s) failed for good", job.pk, job.task)
            _finish(job, status=JobStatus.FAILED, last_error=error, finished_at=now)
            return Outcome(job.pk, job.task, JobStatus.FAILED, error=error)
        delay = found.retry_delay(job.attempts)
        logger.warning(
            "job %s (%s) failed (attempt %s/%s), retry in %s: %s",
            job.pk,
            job.task,
            job.attempts,
            job.max_attempts,
            delay,
            error,
        )
        _finish(job, status=JobStatus.QUEUED, last_error=error, run_after=now + delay)
        return Outcome(job.pk, job.task, JobStatus.QUEUED, error=error)
    _finish(job, status=JobStatus.DONE, result=result, finished_at=timezone.now())
    return Outcome(job.pk, job.task, JobStatus.DONE, result=result)


def requeue_abandoned(at: datetime | None = None) -> int:
    """Queue again the running jobs whose lease ran out; fail those out of attempts."""
    now = at or timezone.now()
    stuck = Job.objects.filter(status=JobStatus.RUNNING, lease_until__lt=now)
    if not stuck.exists():  # the common case: no write (and no SQLite write lock)
        return 0
    error = "lease expired: the worker stopped or the task overran its timeout"
    failed = stuck.filter(attempts__gte=F("max_attempts")).update(
        status=JobStatus.FAILED, lease_until=None, last_error=error, finished_at=now
    )
    queued = stuck.filter(attempts__lt=F("max_attempts")).update(
        status=JobStatus.QUEUED, lease_until=None, last_error=error, run_after=now
    )
    if failed or queued:
        logger.warning("abandoned jobs: %s queued again, %s failed", queued, failed)
    return failed + queued


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
