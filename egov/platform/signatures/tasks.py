"""Background validation of the files that enter the platform (checks.py)."""

from __future__ import annotations

from datetime import timedelta

from egov.platform.jobs.registry import task

from .checks import CHECK_TASK, run_check


# An OCSP responder or CRL server that is down is retried with the queue's
# back-off; a file that cannot be read is a verdict, not a failure.
@task(CHECK_TASK, max_attempts=5, timeout=timedelta(minutes=5))
def check_file(*, check: int) -> str:
    return run_check(check)
