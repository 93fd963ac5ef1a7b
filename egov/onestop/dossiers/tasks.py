"""The dossiers' periodic tasks, registered with the job queue (egov/platform/jobs)."""

from __future__ import annotations

from datetime import time

from egov.onestop.dossiers.reminders import remind_near_deadline
from egov.platform.jobs.registry import daily, task


# At 07:00, before the offices open (07:30): each agency's reminder is
# recorded once a day, so a catch-up run after a restart repeats nothing.
# The name is stored in the jobs table.
@task("reminders", schedule=daily(time(7, 0)), max_attempts=3)
def reminders() -> str:
    return remind_near_deadline()
