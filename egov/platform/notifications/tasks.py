"""The e-mail outbox's periodic drain, registered with the job queue (egov/platform/jobs)."""

from __future__ import annotations

from egov.platform.jobs.registry import every, task
from egov.platform.notifications.outbox import send_due

# New e-mails leave right after their transaction commits; this drain sends
# the retries (1 min back-off and up) and those whose first try failed.
DRAIN_SECONDS = 10


# max_attempts=1: the outbox keeps its own retry counts and back-off, and
# the next slot drains again anyway. The name is stored in the jobs table.
@task("notifications", schedule=every(seconds=DRAIN_SECONDS), max_attempts=1)
def notifications() -> str:
    report = send_due(limit=100)
    return f"sent {report.sent}, failed {report.failed}"
