"""The document office's background tasks: draft conversion and the overdue reminder."""

from __future__ import annotations

from datetime import time, timedelta

from egov.office.documents.reminders import remind_overdue
from egov.office.documents.services.outgoing import CONVERT_TASK, convert_version
from egov.platform.jobs.registry import daily, task


# LibreOffice has its own time limit (EGOV_CONVERSION_TIMEOUT_SECONDS); a
# failure is recorded on the version, so one attempt is enough.
@task(CONVERT_TASK, max_attempts=2, timeout=timedelta(minutes=5))
def convert_draft(*, version: int) -> str:
    return convert_version(version)


@task("office.overdue_reminder", schedule=daily(time(7, 30)))
def overdue_reminder() -> str:
    return f"told {remind_overdue()}"
