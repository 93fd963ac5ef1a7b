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
    found = get_task(task) if isinstance(task, str) else task
    if found is None:
        raise LookupError(f"unknown task {task!r}")
    if RESERVED & kwargs.keys():
        raise TypeError(f"{sorted(RESERVED)} are enqueue's own arguments")
    # Refuse here, in the caller's code, what the worker could not decode.
    json.dumps(kwargs)
    job = Job(
        task=found.name,
        kwargs=kwargs,
        unique_key=unique_key,
        run_after=run_after or timezone.now(),
        max_attempts=found.max_attempts,
    )
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
    found = get_task(task) if isinstance(task, str) else task
    if found is None:
        raise LookupError(f"unknown task {task!r}")
    now = timezone.now()
    jobs = []
    for unique_key, kwargs in items:
        if RESERVED & kwargs.keys():
            raise TypeError(f"{sorted(RESERVED)} are enqueue's own arguments")
        json.dumps(kwargs)
        jobs.append(
            Job(
                task=found.name,
                kwargs=kwargs,
                unique_key=unique_key,
                run_after=now,
                max_attempts=found.max_attempts,
            )
        )
    Job.objects.bulk_create(jobs, ignore_conflicts=True)
    return len(jobs)
