"""Putting documents into the search index, and reading the text of their files.

Each kind of document registers a loader (`register_source`) that describes
one document as an `Indexed` value: its body, the words of its metadata and
the storage names of its PDF files. `index_document(kind, object_id)` then
writes the entry (metadata searchable at once, in the caller's transaction)
and queues the job that reads the files' text, OCRing scans (tasks.py).
Outgoing documents join by registering their loader and calling
`index_document("outgoing", pk)` where they are issued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from egov.office.search import backends
from egov.office.search.models import SearchEntry, SourceKind, TextStatus
from egov.office.search.text import MAX_CONTENT_CHARS
from egov.platform.conversion.ocr import extract_text, ocr_pdf
from egov.platform.conversion.tools import ConversionFailed, ToolUnavailable, ocr_available
from egov.platform.jobs.queue import enqueue

logger = logging.getLogger(__name__)

READ_FILES_TASK = "office_search.read_files"


@dataclass(frozen=True)
class Indexed:
    """What the index needs to know of one document."""

    kind: str
    object_id: int
    body_id: int
    metadata: str
    files: tuple[str, ...]  # storage names of its PDFs, the document's own first


Loader = Callable[[int], Indexed | None]
_SOURCES: dict[str, Loader] = {}


def register_source(kind: SourceKind, loader: Loader) -> None:
    """Make a kind of document indexable: `loader(pk)` describes one (None: it is gone)."""
    _SOURCES[kind] = loader


def describe(kind: str, object_id: int) -> Indexed | None:
    loader = _SOURCES.get(kind)
    if loader is None:
        raise LookupError(f"no search source for {kind!r}")
    return loader(object_id)


def entry_fields(item: Indexed) -> dict[str, object]:
    """A fresh entry's fields for `item`: its files wait for the reading job."""
    return {
        "body_id": item.body_id,
        "metadata": item.metadata,
        "text_status": TextStatus.PENDING if item.files else TextStatus.DONE,
        "files_total": len(item.files),
        "files_done": 0,
        "error": "",
    }


def index_document(kind: SourceKind, object_id: int) -> SearchEntry | None:
    """Index (or re-index) one document; call it inside the transaction that changed it.

    The metadata is searchable when the transaction commits; the files' text
    follows when the queued job has read them (enqueued in the same
    transaction, so a rollback leaves neither).
    """
    item = describe(kind, object_id)
    if item is None:
        gone = list(SearchEntry.objects.filter(kind=kind, object_id=object_id))
        backends.remove([entry.pk for entry in gone])
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in gone]).delete()
        return None
    entry, _created = SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults=entry_fields(item),
    )
    backends.write(entry)
    if item.files:
        enqueue(READ_FILES_TASK, entry=entry.pk, unique_key=f"office_search:{entry.pk}")
    return entry


def _progress(entry: SearchEntry, **changes: object) -> None:
    """Record progress in its own short transaction, so pages see it while the job runs."""
    with transaction.atomic():
        SearchEntry.objects.filter(pk=entry.pk).update(**changes)


def read_files(entry_id: int) -> str:
    """Read the text of an entry's files, OCRing scans; returns the final status.

    Idempotent: it starts over from the files each time (a job may run twice).
    """
    entry = SearchEntry.objects.filter(pk=entry_id).first()
    if entry is None:
        return "gone"
    item = describe(entry.kind, entry.object_id)
    if item is None:
        with transaction.atomic():
            backends.remove([entry.pk])
            entry.delete()
        return "gone"
    texts: list[str] = []
    status, error = TextStatus.DONE, ""
    for done, name in enumerate(item.files):
        try:
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
        except OSError:
            logger.warning("search: file %s of entry %s is missing", name, entry.pk)
            status, error = TextStatus.FAILED, _("Không mở được tệp đã lưu.")
            continue
        text = extract_text(data)
        if not text.strip():
            if not ocr_available():
                status = TextStatus.NO_OCR
                error = _("Bản quét chưa có lớp chữ; máy chủ chưa cài công cụ nhận dạng chữ.")
                continue
            _progress(entry, text_status=TextStatus.RUNNING, files_done=done)
            try:
                text = extract_text(ocr_pdf(data))
            except (ConversionFailed, ToolUnavailable) as failure:
                logger.info("OCR of %s failed: %s", name, failure.code)
                status, error = TextStatus.FAILED, failure.message[:300]
                continue
        texts.append(text)
        _progress(entry, files_done=done + 1)
    with transaction.atomic():
        entry.refresh_from_db()
        entry.content = "\n".join(texts)[:MAX_CONTENT_CHARS]
        entry.text_status = status
        entry.files_total = len(item.files)
        entry.files_done = len(item.files)
        entry.error = error
        entry.save()
        backends.write(entry)
    return str(status)
