"""Error codes of the background job queue.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class JobError(StrEnum):
    # Only a system administrator may run a job again.
    JOB_RETRY_NOT_ALLOWED = "job_retry_not_allowed"
