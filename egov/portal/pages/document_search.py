"""The public documents as a section of the portal's search
(platform/core/public_search.py; Decree 42/2022/NĐ-CP art. 4 and 7).

The document office finds them (office/interfaces.py,
`search_public_documents`), but only the portal knows where each is shown:
on the documents page of its body's site (legal_documents.py). So the
portal registers this section (apps.py), and a document whose body has no
live documents page is not found, as it is nowhere on the portal.
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from egov.office.interfaces import search_public_documents
from egov.platform.core import public_search
from egov.portal.pages.legal_documents import LegalDocumentsPage
from egov.portal.pages.models import UnitHomePage


def _documents_pages() -> dict[int, str]:
    """Each unit's live documents page: {unit id: its URL}, the shallowest first."""
    pages = list(LegalDocumentsPage.objects.live().public().order_by("depth", "path"))
    if not pages:
        return {}
    homes = list(UnitHomePage.objects.order_by("path").only("path", "depth", "unit_id"))
    found: dict[int, str] = {}
    for page in pages:
        # The deepest home above the page: its site (a unit site nests in the province's).
        home = max(
            (h for h in homes if page.path.startswith(h.path) and h.path != page.path),
            key=lambda h: h.depth,
            default=None,
        )
        url = page.get_url()
        if home is not None and url and home.unit_id not in found:
            found[home.unit_id] = url
    return found


def search(*, query: str, limit: int) -> public_search.Found:
    pages = _documents_pages()
    documents, total = search_public_documents(query=query, body_ids=list(pages), limit=limit)
    return public_search.Found(
        hits=[
            public_search.Hit(
                title=gettext("%(type)s số %(notation)s")
                % {"type": document.document_type, "notation": document.notation},
                url=f"{pages[document.body_id]}{document.pk}/",
                summary=f"{document.summary} · {document.body_name}",
                date=document.issued_on,
            )
            for document in documents
        ],
        total=total,
    )


def more_url(query: str) -> str:
    # The documents pages list without a query: the province's (the first) lists its own.
    page = LegalDocumentsPage.objects.live().order_by("depth", "path").first()
    return (page.get_url() or "") if page is not None else ""


SECTION = public_search.Section(
    key="documents", label=_("Văn bản"), order=20, search=search, more_url=more_url
)
