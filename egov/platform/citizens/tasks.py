"""SMS that leave through the job queue (egov/platform/jobs), not inside a request."""

from __future__ import annotations

from egov.platform.citizens.sms import send_sms
from egov.platform.jobs.registry import task


# Retried by the queue (back-off from 30 s) if the operator's gateway fails.
@task("citizens.sms", max_attempts=5)
def sms(*, phone: str, text: str) -> str:
    send_sms(phone, text)
    return "sent"
