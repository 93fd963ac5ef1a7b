"""The queue's own housekeeping."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.registry import daily, task

# Finished jobs are history for the administrators; periodic drains add
# thousands a day, so they are kept only a short while.
KEEP_DONE = timedelta(days=2)
KEEP_FAILED = timedelta(days=30)


@task("jobs.prune", schedule=daily(time(2, 0)))
def prune() -> str:
    """Delete done jobs older than KEEP_DONE and failed ones older than KEEP_FAILED."""
    now = timezone.now()
    done, _ = Job.objects.filter(status=JobStatus.DONE, finished_at__lt=now - KEEP_DONE).delete()
    failed, _ = Job.objects.filter(
        status=JobStatus.FAILED, finished_at__lt=now - KEEP_FAILED
    ).delete()
    return f"deleted {done} done, {failed} failed"
