"""`enqueue`: put a job in the queue, in the caller's transaction."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from egov.platform.jobs.models import ACTIVE, Job
from egov.platform.jobs.registry import RESERVED, Task, get_task


def enqueue(
    task: str | Task,
    /,
    *,
    run_after: datetime | None = None,
    unique_key: str = "",
    **kwargs: Any,
) -> Job:
    """Queue `task(**kwargs)` to run at `run_after` (now by default).

    Inside a transaction the job row commits with it, or never exists: call
    it in the service function that makes the change the job follows. With
    a `unique_key`, a queued or running job with that key is returned
    instead of a second one.
    """
    found = _task(task)
    job = _job(found, kwargs, unique_key, run_after or timezone.now())
    if not unique_key:
        job.save()
        return job
    try:
        # A savepoint: the duplicate's IntegrityError must not break the
        # caller's transaction.
        with transaction.atomic():
            job.save()
    except IntegrityError:
        existing = Job.objects.filter(unique_key=unique_key, status__in=ACTIVE).first()
        if existing is None:  # it finished in between: queue this one
            return enqueue(found, run_after=run_after, unique_key=unique_key, **kwargs)
        return existing
    return job


def enqueue_many(task: str | Task, /, items: list[tuple[str, dict[str, Any]]]) -> int:
    """Queue many jobs of one task with one insert: `items` are (unique_key, kwargs).

    For bulk work (indexing a million documents), where `enqueue`'s one
    insert per job is the cost. A key that already has a queued or running
    job is skipped (that job does the work), as `enqueue` would return it.
    Returns how many rows were offered to the database.
    """
    found = _task(task)
    now = timezone.now()
    jobs = [_job(found, kwargs, unique_key, now) for unique_key, kwargs in items]
    Job.objects.bulk_create(jobs, ignore_conflicts=True)
    return len(jobs)


def _task(task: str | Task) -> Task:
    found = get_task(task) if isinstance(task, str) else task
    if found is None:
        raise LookupError(f"unknown task {task!r}")
    return found


def _job(task: Task, kwargs: dict[str, Any], unique_key: str, run_after: datetime) -> Job:
    """An unsaved job row, its arguments checked."""
    if RESERVED & kwargs.keys():
        raise TypeError(f"{sorted(RESERVED)} are enqueue's own arguments")
    # Refuse here, in the caller's code, what the worker could not decode.
    json.dumps(kwargs)
    return Job(
        task=task.name,
        kwargs=kwargs,
        unique_key=unique_key,
        run_after=run_after,
        max_attempts=task.max_attempts,
    )
