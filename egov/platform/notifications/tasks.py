"""The e-mail and SMS outboxes' periodic drains, registered with the job queue (egov/platform/jobs).

Every e-mail and SMS leaves here, in the worker, never in a request (issue
16, item 3): a new message waits at most one slot (plus the worker's poll)
before its first attempt; the drains also send the retries.
"""

from __future__ import annotations

from egov.platform.jobs.registry import every, task
from egov.platform.notifications.outbox import send_due
from egov.platform.notifications.sms import send_sms_due

DRAIN_SECONDS = 5


# max_attempts=1: the outbox keeps its own retry counts and back-off, and
# the next slot drains again anyway. The names are stored in the jobs table.
@task("notifications", schedule=every(seconds=DRAIN_SECONDS), max_attempts=1)
def notifications() -> str:
    report = send_due(limit=100)
    return f"sent {report.sent}, failed {report.failed}"


@task("notifications.sms", schedule=every(seconds=DRAIN_SECONDS), max_attempts=1)
def sms() -> str:
    report = send_sms_due(limit=100)
    return f"sms sent {report.sent}, failed {report.failed}"
