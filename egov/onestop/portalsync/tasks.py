"""The periodic tasks of egov/onestop/portalsync/worker.py, registered with the job queue."""

from __future__ import annotations

from datetime import time

from egov.onestop.portalsync.sender import send_pending
from egov.onestop.portalsync.worker import remind_near_deadline
from egov.platform.jobs.registry import daily, every, task
from egov.platform.notifications.outbox import send_due

# New e-mails leave right after their transaction commits; this drain sends
# the retries (1 min back-off and up) and those whose first try failed.
DRAIN_SECONDS = 10


# max_attempts=1: the outboxes keep their own retry counts and back-off, and
# the next slot drains again anyway.
@task("notifications", schedule=every(seconds=DRAIN_SECONDS), max_attempts=1)
def notifications() -> str:
    report = send_due(limit=100)
    return f"sent {report.sent}, failed {report.failed}"


@task("portal_sync", schedule=every(seconds=DRAIN_SECONDS), max_attempts=1)
def portal_sync() -> str:
    report = send_pending(limit=100)
    return f"sent {report.sent}, failed {report.failed}"


# At 07:00, before the offices open (07:30): each agency's reminder is
# recorded once a day, so a catch-up run after a restart repeats nothing.
@task("reminders", schedule=daily(time(7, 0)), max_attempts=3)
def reminders() -> str:
    return remind_near_deadline()
