"""The national-portal outbox's periodic drain, registered with the job queue."""

from __future__ import annotations

from egov.onestop.portalsync.sender import send_pending
from egov.platform.jobs.registry import every, task

# Changes are sent within this many seconds (the portal has no push of its own).
DRAIN_SECONDS = 10


# max_attempts=1: the outbox keeps its own retry counts and back-off, and
# the next slot drains again anyway. The name is stored in the jobs table.
@task("portal_sync", schedule=every(seconds=DRAIN_SECONDS), max_attempts=1)
def portal_sync() -> str:
    report = send_pending(limit=100)
    return f"sent {report.sent}, failed {report.failed}"
