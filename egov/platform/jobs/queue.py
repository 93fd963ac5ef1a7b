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
