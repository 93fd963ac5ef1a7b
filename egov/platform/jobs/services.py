"""Administrators' changes to the queue (the worker's own updates are in worker.py)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import PermissionDenied
from egov.platform.jobs.errors import JobError
from egov.platform.jobs.worker import JOBS
from egov.platform.outbox.resend import make_due_again


@transaction.atomic
def retry_failed(*, actor: User, job_ids: Sequence[int]) -> int:
    """Queue failed jobs again, due now, with a fresh count of attempts. Returns how many."""
    if not actor.is_superuser:
        raise PermissionDenied(
            JobError.JOB_RETRY_NOT_ALLOWED, _("Chỉ quản trị hệ thống được chạy lại tác vụ nền.")
        )
    jobs = make_due_again(JOBS, ids=job_ids)
    for job in jobs:
        record_event(
            event_type="jobs.retried",
            actor=actor,
            target=job,
            details={"task": job.task, "attempts": job.attempts, "error": job.last_error[:200]},
        )
    return len(jobs)
