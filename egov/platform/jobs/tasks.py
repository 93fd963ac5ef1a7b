"""The queue's own housekeeping."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from egov.platform.jobs.heartbeat import prune_heartbeats
from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.registry import daily, task

# Finished jobs are history for the administrators; periodic drains add
# thousands a day, so they are kept only a short while.
KEEP_DONE = timedelta(days=2)
KEEP_FAILED = timedelta(days=30)
# A worker that has not beaten for a day has stopped (a restart gives a new pid).
KEEP_HEARTBEATS = timedelta(days=1)


@task("jobs.prune", schedule=daily(time(2, 0)))
def prune() -> str:
    """Delete done jobs older than KEEP_DONE, failed ones older than KEEP_FAILED,
    and the heartbeats of workers gone for KEEP_HEARTBEATS."""
    now = timezone.now()
    done, _ = Job.objects.filter(status=JobStatus.DONE, finished_at__lt=now - KEEP_DONE).delete()
    failed, _ = Job.objects.filter(
        status=JobStatus.FAILED, finished_at__lt=now - KEEP_FAILED
    ).delete()
    prune_heartbeats(older_than=KEEP_HEARTBEATS, at=now)
    return f"deleted {done} done, {failed} failed"
