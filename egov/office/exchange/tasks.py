"""The exchange's periodic work, registered with the job queue (egov/platform/jobs)."""

from __future__ import annotations

from egov.office.exchange.fetch import fetch_pending
from egov.office.exchange.outbox import send_pending
from egov.platform.jobs.registry import every, task

DRAIN_SECONDS = 5


# max_attempts=1: the outbox keeps its own counts; the next slot runs again.
# The names are stored in the jobs table: never rename them.
@task("exchange_send", schedule=every(seconds=DRAIN_SECONDS), max_attempts=1)
def exchange_send() -> str:
    report = send_pending(limit=100)
    return f"sent {report.sent}, retried {report.retried}, gave up {report.gave_up}"


@task("exchange_fetch", schedule=every(seconds=DRAIN_SECONDS), max_attempts=1)
def exchange_fetch() -> str:
    report = fetch_pending(limit=50)
    return f"accepted {report.accepted}, refused {report.refused}, failed {report.failed}"
