"""The kinds of documents the index knows: incoming documents (outgoing to follow)."""

from __future__ import annotations

from django.db.models import QuerySet

from egov.office.documents.models import IncomingDocument
from egov.office.search.indexing import Indexed, register_source
from egov.office.search.models import SourceKind
from egov.office.search.text import searchable


def incoming_documents() -> QuerySet[IncomingDocument]:
    """What describing an incoming document reads (one query and one for attachments)."""
    return IncomingDocument.objects.select_related("document_type").prefetch_related("attachments")


def describe_incoming(document: IncomingDocument) -> Indexed:
    files = [document.file.name] if document.file.name else []
    files += [
        attachment.file.name
        for attachment in document.attachments.all()
        if attachment.file.name and attachment.file.name.lower().endswith(".pdf")
    ]
    return Indexed(
        kind=SourceKind.INCOMING,
        object_id=document.pk,
        body_id=document.body_id,
        metadata=searchable(
            str(document.arrival_number),
            document.notation,
            document.sender,
            document.document_type.name,
            document.summary,
        ),
        files=tuple(files),
    )


def incoming(pk: int) -> Indexed | None:
    document = incoming_documents().filter(pk=pk).first()
    return None if document is None else describe_incoming(document)


def connect() -> None:
    register_source(SourceKind.INCOMING, incoming)
