"""Complaints' background task: the daily reminder of petitions near or past their deadline."""

from __future__ import annotations

from datetime import time

from egov.platform.jobs.registry import daily, task
from egov.voice.complaints.reminders import remind


@task("voice.petition_reminder", schedule=daily(time(7, 30)))
def petition_reminder() -> str:
    return f"told {remind()}"
