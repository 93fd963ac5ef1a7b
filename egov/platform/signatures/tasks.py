"""Background validation of the files that enter the platform (checks.py),
and the daily B-LTA renewal (renewal.py)."""

from __future__ import annotations

from datetime import time, timedelta

from egov.platform.jobs.registry import daily, task

from .checks import CHECK_TASK, run_check
from .renewal import renew_due


# An OCSP responder or CRL server that is down is retried with the queue's
# back-off; a file that cannot be read is a verdict, not a failure.
@task(CHECK_TASK, max_attempts=5, timeout=timedelta(minutes=5))
def check_file(*, check: int) -> str:
    return run_check(check)


# At night, when the TSA is least busy; a file that fails is tried again the
# next night (the renewal starts lta_renew_days before the deadline).
@task(
    "signatures.lta_renewal",
    schedule=daily(time(1, 30)),
    max_attempts=1,
    timeout=timedelta(hours=2),
)
def renew_archival_timestamps() -> str:
    counts = renew_due()
    return ", ".join(f"{name} {count}" for name, count in counts.items())
