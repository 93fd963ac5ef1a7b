"""What the document office offers the other domains (the portal; the quality
service report and announcement numbers), as plain data.

The other domains never import the office's models: they read through these
functions, listed in the import contract (pyproject.toml). Only what may be
shown to anyone is here: issued outgoing documents their body marked public
(services/publicity.py), never a classified one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max, QuerySet
from django.db.models.fields.files import FieldFile

from egov.office.documents.models import (
    IN_FORCE,
    ONCE_ISSUED,
    IncomingDocument,
    OutgoingDocument,
    OutgoingVersion,
    Secrecy,
    UnitAbbreviation,
    VersionStatus,
)
from egov.platform.core.text import fold
from egov.platform.workcalendar.deadlines import VN_TZ


@dataclass(frozen=True)
class PublicDocument:
    """An issued document as the public sees it (Decree 30/2020 metadata)."""

    pk: int
    body_id: int
    body_name: str
    notation: str
    document_type: str
    summary: str
    issued_on: datetime.date
    signer: str
    # Its standing: issued, corrected, recalled or replaced (Vietnamese label).
    status: str
    in_force: bool


def _public() -> QuerySet[OutgoingDocument]:
    # Checked here and again in every reader: issued, public, not classified.
    return OutgoingDocument.objects.filter(
        public=True, status__in=ONCE_ISSUED, secrecy=Secrecy.NONE, issued_on__isnull=False
    )


def _as_public(document: OutgoingDocument) -> PublicDocument:
    assert document.issued_on is not None  # noqa: S101 - filtered by _public()
    return PublicDocument(
        pk=document.pk,
        body_id=document.body_id,
        body_name=document.body.name,
        notation=document.notation,
        document_type=document.document_type.name,
        summary=document.summary,
        issued_on=document.issued_on,
        signer=document.signer.display_name,
        status=document.get_status_display(),
        in_force=document.status in IN_FORCE,
    )


def public_documents(*, body_id: int, limit: int = 200) -> list[PublicDocument]:
    """The body's public issued documents, newest first."""
    found = (
        _public()
        .filter(body_id=body_id)
        .select_related("body", "document_type", "signer")
        .order_by("-issued_on", "-number", "-pk")[:limit]
    )
    return [_as_public(document) for document in found]


def public_document(*, pk: int) -> PublicDocument | None:
    document = _public().select_related("body", "document_type", "signer").filter(pk=pk).first()
    return _as_public(document) if document is not None else None


def public_document_file(*, pk: int) -> FieldFile | None:
    """The issued PDF (the last version, sealed when the document was signed at
    issue) of a public document; None for anything else."""
    version = (
        OutgoingVersion.objects.filter(
            document__in=_public().filter(pk=pk), status=VersionStatus.READY
        )
        .order_by("-number")
        .first()
    )
    return version.file if version is not None and version.file else None


def latest_public_issues(*, body_ids: list[int]) -> dict[int, datetime.datetime]:
    """When each body last issued a public document (for the portal's freshness)."""
    rows = (
        _public()
        .filter(body_id__in=body_ids, issued_at__isnull=False)
        .values("body_id")
        .annotate(latest=Max("issued_at"))
        .order_by()
    )
    return {row["body_id"]: row["latest"] for row in rows}


def search_public_documents(
    *, query: str, body_ids: list[int], limit: int
) -> tuple[list[PublicDocument], int]:
    """The bodies' public issued documents whose notation, type, summary or body
    name hold every word of `query`, diacritics ignored (core.text.fold, as
    every section of the portal's search), newest first; and how many in all.

    Filtered in the database over every public document: each keeps its text
    folded in `search_text` (documents/public_text.py), so a word is a plain
    substring test there, on SQLite and PostgreSQL alike.
    """
    words = fold(query).split()[:10]
    if not words or not body_ids:
        return [], 0
    matching = _public().filter(body_id__in=body_ids)
    for word in words:
        matching = matching.filter(search_text__contains=word)
    total = matching.count()
    chosen = matching.select_related("body", "document_type", "signer").order_by(
        "-issued_on", "-number", "-pk"
    )[:limit]
    return [_as_public(document) for document in chosen], total


@dataclass(frozen=True)
class RegisteredCounts:
    """Documents a body and its sub-units registered in a period: counts only."""

    incoming: int
    issued: int


def registered_counts(
    *, body_path: str, first: datetime.date, last: datetime.date
) -> RegisteredCounts:
    """Incoming documents that arrived, and outgoing ones issued, from `first` to `last`
    (Vietnam's days) at the body with that tree path or below it (the service report)."""
    since = datetime.datetime.combine(first, datetime.time.min, tzinfo=VN_TZ)
    until = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, VN_TZ)
    incoming = IncomingDocument.objects.filter(
        body__path__startswith=body_path, arrived_at__gte=since, arrived_at__lt=until
    ).count()
    issued = OutgoingDocument.objects.filter(
        body__path__startswith=body_path,
        status__in=ONCE_ISSUED,
        issued_on__gte=first,
        issued_on__lte=last,
    ).count()
    return RegisteredCounts(incoming=incoming, issued=issued)


def body_abbreviation(*, body_id: int) -> str:
    """The body's abbreviation in document symbols ("UBND"), empty if none was entered."""
    found = UnitAbbreviation.objects.filter(unit_id=body_id).values_list("abbreviation", flat=True)
    return next(iter(found), "")
