"""The folded text the portal's search matches an outgoing document by.

Kept on the document (`OutgoingDocument.search_text`) by the services that
change what it is made of: the draft's creation (type, summary, body) and
the issue (the notation). The portal's search (office/interfaces.py,
`search_public_documents`) then filters in the database, with or without
diacritics, over every public document rather than the newest few.
"""

from __future__ import annotations

from egov.office.documents.models import OutgoingDocument
from egov.platform.core.text import fold


def search_text(*, notation: str, document_type: str, summary: str, body: str) -> str:
    """Marks dropped, đ as d, lower case (core.text.fold), as the query is folded."""
    return fold(
        " ".join(" ".join(part.split()) for part in (notation, document_type, summary, body))
    )


def refreshed(document: OutgoingDocument) -> str:
    """`document.search_text` set from its current fields (not saved)."""
    document.search_text = search_text(
        notation=document.notation,
        document_type=document.document_type.name,
        summary=document.summary,
        body=document.body.name,
    )
    return document.search_text
