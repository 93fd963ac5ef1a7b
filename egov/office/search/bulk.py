"""Indexing many documents at once: every incoming document without an entry.

`index_document` writes one entry, its vector and its job per call, which
is right for a document being registered and far too slow for the million
documents `egov generate` inserts. Here each batch of documents costs a
handful of queries whatever its size: the documents and their attachments
are read with two, the entries written with one COPY (PostgreSQL) or bulk
insert, their vectors with one UPDATE (PostgreSQL) or one executemany into
FTS5 (SQLite), and the file-reading jobs queued with one insert. The result
is the same as calling `index_document` for each (the tests compare both).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Exists, OuterRef

from egov.office.search import backends
from egov.office.search.indexing import READ_FILES_TASK, entry_fields
from egov.office.search.models import SearchEntry, SourceKind
from egov.office.search.sources import describe_incoming, incoming_documents
from egov.platform.core.bulkload import insert_objects
from egov.platform.jobs.queue import enqueue_many


def index_missing_incoming(
    *, batch: int = 5000, progress: Callable[[int], None] | None = None
) -> int:
    """Index the incoming documents that have no entry yet, `batch` per transaction.

    Safe to stop and run again: each batch commits on its own, and a later
    run starts from the documents still missing.
    """
    missing = incoming_documents().filter(
        ~Exists(SearchEntry.objects.filter(kind=SourceKind.INCOMING, object_id=OuterRef("pk")))
    )
    done = 0
    after = 0
    while True:
        with transaction.atomic(durable=True):
            documents = list(missing.filter(pk__gt=after).order_by("pk")[:batch])
            if not documents:
                return done
            items = [describe_incoming(document) for document in documents]
            entries = [
                SearchEntry(kind=item.kind, object_id=item.object_id, **entry_fields(item))
                for item in items
            ]
            insert_objects(SearchEntry, entries)
            backends.write_many(entries)
            enqueue_many(
                READ_FILES_TASK,
                [
                    (f"office_search:{entry.pk}", {"entry": entry.pk})
                    for entry in entries
                    if entry.files_total
                ],
            )
        after = documents[-1].pk
        done += len(documents)
        if progress is not None:
            progress(done)
