"""Feedback's background task: the daily overdue reminder."""

from __future__ import annotations

from datetime import time

from egov.platform.jobs.registry import daily, task
from egov.voice.feedback.reminders import remind_overdue


@task("voice.feedback_overdue_reminder", schedule=daily(time(7, 30)))
def overdue_reminder() -> str:
    return f"told {remind_overdue()}"
