"""The worker's heartbeat: a row per worker process, renewed as its loop goes round.

The health page (egov/platform/web/health.py) reads the newest beat: a worker
that died, hung, or lost its database stops beating, and after
EGOV_WORKER_STALE_SECONDS the page answers 503 `worker_stale`, for the
supervisor or the monitoring to act (issue 16, item 2). A beat is one small
write; the loop writes it at most every BEAT_EVERY, so an idle worker polling
every two seconds does not take SQLite's write lock each time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from egov.platform.jobs.models import WorkerHeartbeat

BEAT_EVERY = timedelta(seconds=10)


def beat(*, worker: str, at: datetime | None = None) -> None:
    """Record that `worker` is alive now (its loop just went round)."""
    now = at or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker=worker).update(beat_at=now)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(worker=worker, defaults={"beat_at": now})


class Beater:
    """Calls `beat` from the worker loop, at most every BEAT_EVERY."""

    def __init__(self, worker: str) -> None:
        self.worker = worker
        self.last: datetime | None = None

    def __call__(self) -> None:
        now = timezone.now()
        if self.last is not None and now - self.last < BEAT_EVERY:
            return
        beat(worker=self.worker, at=now)
        self.last = now


@dataclass(frozen=True)
class WorkerHealth:
    # Seconds since the newest beat of any worker; None: no worker ever beat.
    age_seconds: int | None
    stale_after_seconds: int

    @property
    def fresh(self) -> bool:
        return self.age_seconds is not None and self.age_seconds <= self.stale_after_seconds


def worker_health(at: datetime | None = None) -> WorkerHealth:
    """How long ago the freshest worker beat, against EGOV_WORKER_STALE_SECONDS."""
    newest: datetime | None = WorkerHeartbeat.objects.aggregate(newest=Max("beat_at"))["newest"]
    stale_after = int(settings.WORKER_STALE_SECONDS)
    if newest is None:
        return WorkerHealth(age_seconds=None, stale_after_seconds=stale_after)
    age = max(0, int(((at or timezone.now()) - newest).total_seconds()))
    return WorkerHealth(age_seconds=age, stale_after_seconds=stale_after)


def prune_heartbeats(*, older_than: timedelta, at: datetime | None = None) -> int:
    """Forget the workers that have not beaten for `older_than` (stopped, restarted)."""
    cutoff = (at or timezone.now()) - older_than
    deleted, _ = WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).delete()
    return deleted
