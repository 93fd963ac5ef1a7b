"""The document office's background tasks: draft conversion, the overdue
reminder and the poll of the leaders' remote signings."""

from __future__ import annotations

from datetime import time, timedelta

from egov.office.documents.reminders import remind_overdue
from egov.office.documents.services.conversion import convert_version
from egov.office.documents.services.outgoing import CONVERT_TASK
from egov.office.documents.services.signing import poll_approval_signings
from egov.platform.jobs.registry import daily, every, task

# The cloud-signing services answer a status poll at once; every 10 s keeps
# the wait after a confirmation on the phone short without hammering them.
SIGNING_POLL_SECONDS = 10


# LibreOffice has its own time limit (EGOV_CONVERSION_TIMEOUT_SECONDS); a
# failure is recorded on the version, so one attempt is enough.
@task(CONVERT_TASK, max_attempts=2, timeout=timedelta(minutes=5))
def convert_draft(*, version: int) -> str:
    return convert_version(version)


@task("office.overdue_reminder", schedule=daily(time(7, 30)))
def overdue_reminder() -> str:
    return f"told {remind_overdue()}"


# One attempt per slot: a service that cannot be reached is asked again in
# the next slot, and the request's own deadline ends the wait.
@task(
    "office.remote_signing_poll",
    schedule=every(seconds=SIGNING_POLL_SECONDS),
    max_attempts=1,
    timeout=timedelta(minutes=5),
)
def remote_signing_poll() -> str:
    counts = poll_approval_signings()
    return ", ".join(f"{name} {count}" for name, count in counts.items())
