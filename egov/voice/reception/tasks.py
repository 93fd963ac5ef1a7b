"""Citizen reception's background task: the daily notice of a reception-day shortfall."""

from __future__ import annotations

from datetime import time

from egov.platform.jobs.registry import daily, task
from egov.voice.reception.shortfall import tell_shortfalls


@task("voice.reception_day_shortfall", schedule=daily(time(7, 40)))
def reception_day_shortfall() -> str:
    return f"told {tell_shortfalls()}"
