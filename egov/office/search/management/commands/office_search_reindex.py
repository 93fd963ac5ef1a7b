"""`egov office_search_reindex [--batch N] [--missing]`: index incoming documents for search.

--missing indexes, in bulk, only the documents that have no entry yet (after
`egov generate --documents N`, or to finish an interrupted run): a batch per
transaction, a few queries per batch (egov/office/search/bulk.py).

For documents registered before the index existed, and after OCR was
installed on a server that lacked it (entries "Chưa có công cụ nhận dạng
chữ"): each document's metadata is written at once and a job queued to read
its files; run `egov worker` to process them.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from egov.office.documents.models import IncomingDocument
from egov.office.search.bulk import index_missing_incoming
from egov.office.search.indexing import index_document
from egov.office.search.models import SourceKind


class Command(BaseCommand):
    help = "Index every incoming document for search (files are read by the worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=500, help="documents per transaction")
        parser.add_argument(
            "--missing",
            action="store_true",
            help="only the documents without an entry, in bulk (for millions of documents)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch = max(1, int(options["batch"]))
        if options["missing"]:
            count = index_missing_incoming(batch=batch)
            self.stdout.write(f"{count} văn bản đến đã được đưa vào chỉ mục tìm kiếm.")
            return
        ids = list(IncomingDocument.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            with transaction.atomic(durable=True):
                for pk in ids[start : start + batch]:
                    index_document(SourceKind.INCOMING, pk)
        self.stdout.write(f"{len(ids)} văn bản đến đã được đưa vào chỉ mục tìm kiếm.")
