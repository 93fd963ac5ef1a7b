"""The background job that reads the files of an indexed document (OCR included)."""

from __future__ import annotations

from datetime import timedelta

from egov.office.search.indexing import READ_FILES_TASK, read_files
from egov.platform.jobs.registry import task


# OCR of a long scan takes minutes: the lease outlasts ocrmypdf's own limit.
@task(READ_FILES_TASK, max_attempts=3, timeout=timedelta(minutes=30))
def read_document_files(*, entry: int) -> str:
    return read_files(entry)
