"""Legal documents published straight from the document office (Decree 42/2022 art. 4).

The province's clerk marks a document public and issues it: it appears on the
province's documents page with its metadata and its PDF. Drafts, documents
not public, classified ones and other units' answer 404.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egov.conftest import Province
from egov.office.documents.errors import OfficeError
from egov.office.documents.models import OutgoingDocument, Secrecy
from egov.office.documents.services.outgoing import issue_outgoing
from egov.office.documents.services.publicity import set_outgoing_public
from egov.office.documents.tests.conftest import PDF, abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    SUMMARY,
    Drafting,
    approved,
    drafting_fixture,
)
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.portal.pages.legal_documents import LegalDocumentsPage
from egov.portal.pages.models import UnitHomePage
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db

PROVINCE_DOCS = "/cong-thong-tin/van-ban/"


def documents_page(home: UnitHomePage) -> LegalDocumentsPage:
    page = LegalDocumentsPage(
        title="Văn bản chỉ đạo, điều hành", slug="van-ban", decree_category="legal_documents"
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def docs(portal: Portal, office: Province) -> LegalDocumentsPage:  # noqa: F811
    documents_page(portal.long_an)
    return documents_page(portal.province)


def test_an_issued_public_document_appears_with_its_metadata_and_pdf(
    client: Client, drafting: Drafting, docs: LegalDocumentsPage
) -> None:
    document = approved(drafting)
    set_outgoing_public(actor=drafting.cast.clerk, document=document, public=True)
    before = client.get(PROVINCE_DOCS).content.decode()
    draft_detail = client.get(f"{PROVINCE_DOCS}{document.pk}/")
    draft_file = client.get(f"{PROVINCE_DOCS}{document.pk}/tep/")

    issue_outgoing(actor=drafting.cast.clerk, document=document)
    listing = client.get(PROVINCE_DOCS)
    detail = client.get(f"{PROVINCE_DOCS}{document.pk}/")
    pdf = client.get(f"{PROVINCE_DOCS}{document.pk}/tep/")

    # Marked public before its issue: nothing shows until it is issued.
    assert "Chưa có văn bản được công khai." in before
    assert (draft_detail.status_code, draft_file.status_code) == (404, 404)
    assert listing.status_code == 200
    assert f'<a href="{PROVINCE_DOCS}{document.pk}/">01/QĐ-UBND</a>' in listing.content.decode()
    assert SUMMARY in listing.content.decode()
    page = detail.content.decode()
    assert detail.status_code == 200
    assert "<h1>Quyết định (cá biệt) số 01/QĐ-UBND</h1>" in page
    assert "<dt>Người ký</dt><dd>Phạm Văn Hùng</dd>" in page
    assert "<dt>Cơ quan ban hành</dt><dd>Tỉnh Tây Ninh</dd>" in page
    assert "<dt>Tình trạng</dt><dd>Đã phát hành</dd>" in page
    assert f'href="{PROVINCE_DOCS}{document.pk}/tep/"' in page
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert b"".join(pdf.streaming_content) == PDF  # type: ignore[attr-defined]


def test_an_issued_document_not_public_is_not_on_the_site(
    client: Client, drafting: Drafting, docs: LegalDocumentsPage
) -> None:
    document = issue_outgoing(actor=drafting.cast.clerk, document=approved(drafting))

    listing = client.get(PROVINCE_DOCS).content.decode()

    assert "01/QĐ-UBND" not in listing
    assert client.get(f"{PROVINCE_DOCS}{document.pk}/").status_code == 404
    assert client.get(f"{PROVINCE_DOCS}{document.pk}/tep/").status_code == 404


def test_taken_off_the_site_it_answers_404_again(
    client: Client, drafting: Drafting, docs: LegalDocumentsPage
) -> None:
    document = issue_outgoing(actor=drafting.cast.clerk, document=approved(drafting))
    set_outgoing_public(actor=drafting.cast.clerk, document=document, public=True)
    shown = client.get(f"{PROVINCE_DOCS}{document.pk}/").status_code

    set_outgoing_public(actor=drafting.cast.leader, document=document, public=False)

    assert shown == 200
    assert client.get(f"{PROVINCE_DOCS}{document.pk}/").status_code == 404
    assert list(
        AuditEvent.objects.filter(target_id=str(document.pk), event_type__contains="made_")
        .order_by("pk")
        .values_list("event_type", "actor__username")
    ) == [("office.outgoing_made_public", "vanthu"), ("office.outgoing_made_private", "lanhdao")]


def test_another_units_page_does_not_serve_the_document(
    client: Client, drafting: Drafting, docs: LegalDocumentsPage
) -> None:
    document = issue_outgoing(actor=drafting.cast.clerk, document=approved(drafting))
    set_outgoing_public(actor=drafting.cast.clerk, document=document, public=True)

    listing = client.get("/cong-thong-tin/phuong-long-an/van-ban/").content.decode()

    assert "01/QĐ-UBND" not in listing
    assert client.get(f"/cong-thong-tin/phuong-long-an/van-ban/{document.pk}/").status_code == 404
    assert (
        client.get(f"/cong-thong-tin/phuong-long-an/van-ban/{document.pk}/tep/").status_code == 404
    )


@pytest.mark.parametrize("who", ["drafter", "outsider", "long_an_clerk"])
def test_only_the_bodys_clerk_or_leader_makes_a_document_public(
    drafting: Drafting, docs: LegalDocumentsPage, who: str
) -> None:
    actor = {
        "drafter": drafting.drafter,
        "outsider": drafting.cast.outsider,
        "long_an_clerk": drafting.long_an_clerk,
    }[who]
    document = issue_outgoing(actor=drafting.cast.clerk, document=approved(drafting))
    events = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied) as denied:
        set_outgoing_public(actor=actor, document=document, public=True)

    assert denied.value.code == OfficeError.PERMISSION_DENIED
    assert OutgoingDocument.objects.get(pk=document.pk).public is False
    assert AuditEvent.objects.count() == events


def test_a_classified_document_is_never_public(
    client: Client, drafting: Drafting, docs: LegalDocumentsPage
) -> None:
    document = approved(drafting, secrecy=Secrecy.SECRET, internal_units=[], reviewer=None)
    events = AuditEvent.objects.count()

    with pytest.raises(InvalidInput) as refused:
        set_outgoing_public(actor=drafting.cast.clerk, document=document, public=True)

    assert refused.value.code == OfficeError.CONFIDENTIAL_NOT_PUBLIC
    assert OutgoingDocument.objects.get(pk=document.pk).public is False
    assert AuditEvent.objects.count() == events


def test_the_documents_page_reads_in_a_fixed_number_of_queries(
    client: Client, drafting: Drafting, docs: LegalDocumentsPage
) -> None:
    client.get(PROVINCE_DOCS)  # the site's root paths, cached from the first request
    counts = []
    for _ in range(2):
        for _ in range(2):
            document = issue_outgoing(actor=drafting.cast.clerk, document=approved(drafting))
            set_outgoing_public(actor=drafting.cast.clerk, document=document, public=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(PROVINCE_DOCS)
        counts.append((response.content.decode().count("/QĐ-UBND</a>"), len(queries)))

    # Two documents or four: the same queries (the session, the page, its site, the list).
    assert counts == [(2, 9), (4, 9)]
