"""The availability heartbeat (issue 19 item 6).

The worker runs `servicelevel.heartbeat` once per slot (tasks.py); each run
writes the slot's row, so a slot without a row is a stretch in which the
platform (its worker, its database) was not running. The same row keeps the
job health of the slot before it, counted from the jobs table while its rows
still exist (done jobs are pruned after two days, failed ones after thirty).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q

from egov.platform.jobs.models import Job, JobStatus
from egov.platform.jobs.registry import every
from egov.platform.servicelevel.models import ServiceBeat

INTERVAL_SECONDS = 300
HEARTBEAT = every(seconds=INTERVAL_SECONDS)
INTERVAL = timedelta(seconds=INTERVAL_SECONDS)


def record_beat(*, at: datetime) -> ServiceBeat:
    """Mark the slot holding `at` as up, with the job health of the slot before it.

    A measurement, not a change anyone made: no audit event (one every five
    minutes would bury the trail)."""
    slot = HEARTBEAT.slot(at)
    since = slot - INTERVAL
    failed = Job.objects.filter(
        status=JobStatus.FAILED, finished_at__gte=since, finished_at__lt=slot
    ).count()
    # A run on a second or later attempt is a retry; started_at is the run's.
    retried = Job.objects.filter(
        Q(attempts__gte=2), started_at__gte=since, started_at__lt=slot
    ).count()
    beat, _ = ServiceBeat.objects.get_or_create(
        slot=slot,
        defaults={"recorded_at": at, "jobs_failed": failed, "jobs_retried": retried},
    )
    return beat
