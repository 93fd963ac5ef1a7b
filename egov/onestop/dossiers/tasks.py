"""The dossiers' periodic tasks, registered with the job queue (egov/platform/jobs)."""

from __future__ import annotations

from datetime import time

from egov.onestop.dossiers.reminders import remind_near_deadline
from egov.onestop.dossiers.services.drafts import prune_draft_scans
from egov.platform.jobs.registry import daily, task


# At 07:00, before the offices open (07:30): each agency's reminder is
# recorded once a day, so a catch-up run after a restart repeats nothing.
# The name is stored in the jobs table.
@task("reminders", schedule=daily(time(7, 0)), max_attempts=3)
def reminders() -> str:
    return remind_near_deadline()


# At 03:00, when no desk is open: scans kept for reception forms nobody
# came back to (egov/onestop/dossiers/services/drafts.py).
@task("reception_drafts", schedule=daily(time(3, 0)), max_attempts=3)
def reception_drafts() -> str:
    return f"deleted {prune_draft_scans()}"
