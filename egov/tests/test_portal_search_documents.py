"""The public documents section of the portal's search (portal/pages/document_search.py):
an issued public document is found by its summary or notation, with or
without diacritics, and links to its page on its body's site; a document
not public, not yet issued, or of a body without a documents page is not.

Here rather than in egov/portal: the test issues documents through the
document office's own services (docs/architecture.md).
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from egov.office.documents.models import OutgoingDocument
from egov.office.documents.services.outgoing import issue_outgoing
from egov.office.documents.services.publicity import set_outgoing_public
from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    Drafting,
    approved,
    drafting_fixture,
)
from egov.platform.core import public_search
from egov.portal.pages.legal_documents import LegalDocumentsPage
from egov.portal.pages.tests.conftest import Portal, portal  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

SUMMARY = "Về việc tổ chức đối thoại với doanh nghiệp về thủ tục đất đai"


@pytest.fixture
def documents(portal: Portal, drafting: Drafting) -> list[OutgoingDocument]:  # noqa: F811
    page = LegalDocumentsPage(
        title="Văn bản chỉ đạo, điều hành", slug="van-ban", decree_category="legal_documents"
    )
    portal.province.add_child(instance=page)
    page.save_revision().publish()
    clerk = drafting.cast.clerk
    issued_public = approved(drafting, summary=SUMMARY)
    set_outgoing_public(actor=clerk, document=issued_public, public=True)
    issued_public = issue_outgoing(actor=clerk, document=issued_public)
    # Issued, not public; public, not issued: neither is found.
    issue_outgoing(actor=clerk, document=approved(drafting, summary=f"{SUMMARY} (nội bộ)"))
    not_issued = approved(drafting, summary=f"{SUMMARY} (chưa phát hành)")
    set_outgoing_public(actor=clerk, document=not_issued, public=True)
    return [issued_public]


def found(client: Client, query: str) -> list[public_search.Hit]:
    response = client.get("/cong-thong-tin/tim-kiem/", {"q": query})
    assert response.status_code == 200
    sections = {s.key: s for s in response.context["results"].sections}
    hits: list[public_search.Hit] = sections["documents"].found.hits
    return hits


@pytest.mark.parametrize(
    "query",
    [
        "đối thoại doanh nghiệp đất đai",
        "doi thoai doanh nghiep dat dai",
        "DOI THOAI DOANH NGHIEP",
        "01/QĐ-UBND",
        "01/qd-ubnd",
    ],
)
def test_an_issued_public_document_is_found_with_or_without_diacritics(
    client: Client, documents: list[OutgoingDocument], query: str
) -> None:
    document = documents[0]

    hits = found(client, query)

    assert hits == [
        public_search.Hit(
            title="Quyết định (cá biệt) số 01/QĐ-UBND",
            url=f"/cong-thong-tin/van-ban/{document.pk}/",
            summary=f"{SUMMARY} · Tỉnh Tây Ninh",
            date=document.issued_on,
        )
    ]
    assert isinstance(document.issued_on, datetime.date)


def test_the_hit_opens_the_document_on_the_site(
    client: Client, documents: list[OutgoingDocument]
) -> None:
    body = client.get("/cong-thong-tin/tim-kiem/", {"q": "doi thoai"}).content.decode()
    page = client.get(f"/cong-thong-tin/van-ban/{documents[0].pk}/")

    assert '<h2 id="search-documents">Văn bản (1)</h2>' in body
    assert (
        f'<h3><a href="/cong-thong-tin/van-ban/{documents[0].pk}/">'
        "Quyết định (cá biệt) số 01/QĐ-UBND</a></h3>"
    ) in body
    assert page.status_code == 200


def test_words_not_in_any_document_find_none(
    client: Client, documents: list[OutgoingDocument]
) -> None:
    assert found(client, "doi thoai ho tich") == []


def test_without_a_documents_page_the_bodys_documents_are_not_found(
    client: Client, documents: list[OutgoingDocument]
) -> None:
    LegalDocumentsPage.objects.get().unpublish()

    assert found(client, "doi thoai") == []


def test_a_document_older_than_the_5000_newest_is_found(
    client: Client, documents: list[OutgoingDocument]
) -> None:
    # 5,000 newer public documents of the same body: the search once read only
    # the newest 5,000 and folded them in Python, missing the older one.
    old = documents[0]
    assert old.issued_on is not None
    fields = {
        f.attname: getattr(old, f.attname)
        for f in OutgoingDocument._meta.concrete_fields
        if not f.primary_key
    }
    newer = []
    for n in range(5000):
        copy = OutgoingDocument(**fields)
        copy.entry_id = None
        copy.number = 1000 + n
        copy.notation = f"{1000 + n}/QĐ-UBND"
        copy.summary = "Về việc phân công trực Tết"
        copy.search_text = f"{1000 + n}/qd-ubnd quyet dinh ve viec phan cong truc tet"
        copy.issued_on = old.issued_on + datetime.timedelta(days=1)
        newer.append(copy)
    OutgoingDocument.objects.bulk_create(newer)

    hits = found(client, "doi thoai dat dai")
    newest = found(client, "phan cong truc tet")
    response = client.get("/cong-thong-tin/tim-kiem/", {"q": "truc tet"})
    sections = {s.key: s for s in response.context["results"].sections}

    assert [hit.url for hit in hits] == [f"/cong-thong-tin/van-ban/{old.pk}/"]
    assert len(newest) == 5
    assert sections["documents"].found.total == 5000
