"""The quality system's background task: the daily reminder of overdue corrective actions."""

from __future__ import annotations

from datetime import time

from egov.onestop.quality.audits.reminders import remind_overdue
from egov.platform.jobs.registry import daily, task


@task("quality.corrective_action_reminder", schedule=daily(time(7, 45)))
def corrective_action_reminder() -> str:
    return f"told {remind_overdue()}"
