"""The availability heartbeat, run by the worker (beats.py)."""

from __future__ import annotations

from django.utils import timezone

from egov.platform.jobs.registry import task
from egov.platform.servicelevel.beats import HEARTBEAT, record_beat


# One attempt: a slot missed is downtime, which a later retry must not hide.
@task("servicelevel.heartbeat", schedule=HEARTBEAT, max_attempts=1)
def heartbeat() -> str:
    beat = record_beat(at=timezone.now())
    return f"up {beat.slot.isoformat()}"
