"""What editors upload passes the platform's checks; rich text is whitelisted;
a file of a draft stays out of public reach."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PillowImage
from pypdf import PdfWriter
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.views.serve import generate_image_url
from wagtail.models import Collection

from egov.conftest import Cast, login
from egov.platform.accounts.models import User
from egov.portal.pages.editors import unit_collection
from egov.portal.pages.models import NewsArticlePage, StandardPage
from egov.portal.pages.tests.conftest import Portal

pytestmark = pytest.mark.django_db

# HTML that starts like a PDF: the browser would run its script if served as HTML.
FAKE_PDF = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>"


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = pdf_bytes()


def png() -> bytes:
    out = io.BytesIO()
    PillowImage.new("RGB", (4, 4), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def add_document(client: Client, name: str, content: bytes) -> Any:
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Kế hoạch cải cách hành chính 2027",
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def test_a_document_upload_is_checked_by_its_content(
    client: Client, superuser: User, portal: Portal
) -> None:
    login(client, superuser)

    refused = add_document(client, "ke-hoach.pdf", FAKE_PDF)
    stored_after_refusal = Document.objects.count()
    accepted = add_document(client, "Kế hoạch CCHC 2027.PDF", PDF)

    assert refused.status_code == 200
    assert (
        "Tệp «ke-hoach.pdf» không phải PDF, DOCX, XLSX, ODT hoặc ODS." in refused.content.decode()
    )
    assert stored_after_refusal == 0
    assert accepted.status_code == 302
    document = Document.objects.get()
    assert document.file.name == "documents/ke-hoach-cchc-2027.pdf"


def test_a_document_over_the_size_limit_is_refused(
    client: Client, superuser: User, portal: Portal, settings: Any
) -> None:
    settings.UPLOAD_MAX_MB = 1
    login(client, superuser)

    refused = add_document(client, "lon.pdf", PDF + b"\n%" + b"0" * (1024 * 1024))

    assert "Tệp «lon.pdf» lớn hơn 1 MB." in refused.content.decode()
    assert Document.objects.count() == 0


def add_image(client: Client, name: str, content: bytes) -> Any:
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Trụ sở UBND phường",
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
            "description": "Trụ sở UBND phường Long An nhìn từ đường Hùng Vương",
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def test_an_image_upload_is_checked_by_its_content(
    client: Client, superuser: User, portal: Portal
) -> None:
    login(client, superuser)

    refused = add_image(client, "tru-so.png", b"<svg onload=alert(1)></svg>")
    stored_after_refusal = Image.objects.count()
    accepted = add_image(client, "tru-so.png", png())

    assert refused.status_code == 200
    assert stored_after_refusal == 0
    assert accepted.status_code == 302
    assert Image.objects.get().file.name == "original_images/tru-so.png"


NASTY = (
    '<p onclick="alert(1)">Lịch tiếp công dân<script>alert(2)</script></p>'
    '<p><a href="javascript:alert(3)" onmouseover="alert(4)">xem</a>'
    '<img src="x" onerror="alert(5)"><iframe src="https://example.invalid/"></iframe></p>'
    '<h2 style="color:red">Thứ Năm hằng tuần</h2>'
    '<p><a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></p>'
)


@pytest.mark.parametrize("way", ["save", "revision_without_clean"])
def test_script_and_event_handlers_in_rich_text_never_reach_the_public_page(
    client: Client, portal: Portal, way: str
) -> None:
    page = StandardPage(title="Tiếp công dân", slug="tiep-cong-dan", body=NASTY, live=False)
    portal.long_an.add_child(instance=page)
    if way == "revision_without_clean":
        page.body = NASTY
        page.save_revision(clean=False).publish()
    else:
        page.save_revision().publish()

    html = client.get("/cong-thong-tin/phuong-long-an/tiep-cong-dan/").content.decode()
    body = html[html.index("<h1>Tiếp công dân</h1>") :]

    for forbidden in ("<script", "alert(", "onclick", "onmouseover", "onerror", "javascript:"):
        assert forbidden not in body
    assert "<iframe" not in body and "<img" not in body and "style=" not in body
    assert "<p>Lịch tiếp công dân</p>" in body
    assert "<h2>Thứ Năm hằng tuần</h2>" in body
    assert '<a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a>' in body
    assert StandardPage.objects.get(pk=page.pk).body.count("alert") == 0


def stored_document(title: str, collection: Collection | None = None) -> Document:
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save("ke-hoach.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def linking_page(portal: Portal, slug: str, document: Document) -> StandardPage:
    page = StandardPage(
        title="Kế hoạch năm 2027",
        slug=slug,
        body=f'<p><a linktype="document" id="{document.pk}">Kế hoạch (PDF)</a></p>',
        live=False,
    )
    portal.long_an.add_child(instance=page)
    page.save_revision()
    return page


def test_a_document_of_an_unpublished_page_is_not_served_anonymously(
    client: Client, portal: Portal, cast: Cast
) -> None:
    document = stored_document("Kế hoạch năm 2027", unit_collection(portal.long_an))
    page = linking_page(portal, "ke-hoach-2027", document)
    editor = Client()
    login(editor, cast.specialist)  # Long An's editor (a specialist of the unit)
    stranger = Client()
    login(stranger, portal.tan_ninh_leader)  # Tân Ninh's approver, in the admin too

    draft = client.get(document.url)
    by_editor = editor.get(document.url)
    by_stranger = stranger.get(document.url)
    page.get_latest_revision().publish()
    published = client.get(document.url)
    page.refresh_from_db()
    page.unpublish()
    unpublished = client.get(document.url)

    assert draft.status_code == 404
    assert by_editor.status_code == 200
    assert by_stranger.status_code == 404
    assert published.status_code == 200
    assert b"".join(published.streaming_content) == PDF  # type: ignore[attr-defined]
    assert unpublished.status_code == 404


def test_a_link_added_in_an_unapproved_draft_of_a_live_page_publishes_nothing(
    client: Client, portal: Portal
) -> None:
    first = stored_document("Kế hoạch năm 2027")
    second = stored_document("Kế hoạch năm 2028 (dự thảo)")
    page = linking_page(portal, "ke-hoach", first)
    page.get_latest_revision().publish()
    page = StandardPage.objects.get(pk=page.pk)
    page.body += f'<p><a linktype="document" id="{second.pk}">Dự thảo 2028</a></p>'
    page.save_revision()

    assert client.get(first.url).status_code == 200
    assert client.get(second.url).status_code == 404


def stored_image(collection: Collection) -> Image:
    return Image.objects.create(
        title="Trụ sở",
        description="Trụ sở UBND phường Long An",
        collection=collection,
        file=ImageFile(io.BytesIO(png()), name="tru-so.png"),
    )


def article_with(portal: Portal, image: Image) -> NewsArticlePage:
    article = NewsArticlePage(
        title="Khánh thành trụ sở mới",
        slug="khanh-thanh-tru-so",
        body="<p>Trụ sở mới của phường đi vào hoạt động.</p>",
        image=image,
        live=False,
    )
    portal.long_an_news.add_child(instance=article)
    article.save_revision()
    return article


def test_an_image_is_public_once_a_live_page_uses_it(
    client: Client, portal: Portal, cast: Cast
) -> None:
    image = stored_image(unit_collection(portal.long_an))
    article = article_with(portal, image)
    original = generate_image_url(image, "original", "portal_image")
    small = generate_image_url(image, "width-2", "portal_image")
    editor = Client()
    login(editor, cast.specialist)  # Long An's editor
    stranger = Client()
    login(stranger, portal.tan_ninh_leader)  # Tân Ninh's approver, in the admin too

    draft = client.get(original)
    draft_rendition = client.get(small)
    by_stranger = stranger.get(original)
    by_editor = editor.get(original)
    by_editor_rendition = editor.get(small)
    article.get_latest_revision().publish()
    published = client.get(original)
    published_rendition = client.get(small)
    page = client.get("/cong-thong-tin/phuong-long-an/tin-tuc/khanh-thanh-tru-so/")

    assert draft.status_code == 404
    assert draft_rendition.status_code == 404
    assert by_stranger.status_code == 404
    assert by_editor.status_code == 200
    assert by_editor.headers["Content-Type"] == "image/png"
    assert by_editor.headers["Cache-Control"] == "max-age=0, private, no-store"
    assert by_editor_rendition.status_code == 200
    assert published.status_code == 200
    assert published.headers["Content-Type"] == "image/png"
    assert published.headers["Cache-Control"] == "max-age=3600, public"
    original_image = PillowImage.open(
        io.BytesIO(b"".join(published.streaming_content))  # type: ignore[attr-defined]
    )
    assert (original_image.format, original_image.size) == ("PNG", (4, 4))
    assert published_rendition.status_code == 200
    assert published_rendition.headers["Content-Type"] == "image/png"
    rendition = PillowImage.open(
        io.BytesIO(b"".join(published_rendition.streaming_content))  # type: ignore[attr-defined]
    )
    assert rendition.size == (2, 2)
    assert (
        f'<img src="{generate_image_url(image, "max-960x720", "portal_image")}"'
        ' alt="Trụ sở UBND phường Long An" width="4" height="4">'
    ) in page.content.decode()


def test_an_image_removed_from_the_live_page_in_a_draft_stays_public_until_approved(
    client: Client, portal: Portal
) -> None:
    first = stored_image(unit_collection(portal.long_an))
    second = stored_image(unit_collection(portal.long_an))
    article = article_with(portal, first)
    article.get_latest_revision().publish()
    article = NewsArticlePage.objects.get(pk=article.pk)
    article.image = second
    article.save_revision()

    assert client.get(generate_image_url(first, "original", "portal_image")).status_code == 200
    assert client.get(generate_image_url(second, "original", "portal_image")).status_code == 404


def test_an_image_url_with_a_wrong_signature_or_no_image_answers_404(
    client: Client, portal: Portal
) -> None:
    image = stored_image(unit_collection(portal.long_an))
    article_with(portal, image).get_latest_revision().publish()
    good = generate_image_url(image, "original", "portal_image")
    forged = good.replace("/original/", "/width-3000/")
    missing = good.replace(f"/{image.pk}/", f"/{image.pk + 100}/")

    assert client.get(good).status_code == 200
    assert client.get(forged).status_code == 404
    assert client.get(missing).status_code == 404
    # Media itself is never served: only the route above.
    assert client.get("/media/" + image.file.name).status_code == 404
    assert client.get("/" + image.file.name).status_code == 404


def test_an_image_without_alternative_text_is_refused(
    client: Client, superuser: User, portal: Portal
) -> None:
    login(client, superuser)

    refused = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Trụ sở UBND phường",
            "file": SimpleUploadedFile("tru-so.png", png(), content_type="image/png"),
            "description": "   ",
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )

    assert refused.status_code == 200
    assert "Ảnh cần có mô tả thay thế cho người không xem được ảnh." in refused.content.decode()
    assert Image.objects.count() == 0


def test_an_editor_uploads_into_the_units_collection_and_no_other(
    client: Client, cast: Cast, portal: Portal
) -> None:
    login(client, cast.specialist)  # Long An's editor
    long_an = unit_collection(portal.long_an)
    tan_ninh = unit_collection(portal.tan_ninh)

    def upload(collection: Collection) -> Any:
        return client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Kế hoạch năm 2027",
                "file": SimpleUploadedFile("ke-hoach.pdf", PDF, content_type="application/pdf"),
                "collection": collection.pk,
                "tags": "",
            },
        )

    elsewhere = upload(tan_ninh)
    placed = list(Document.objects.values_list("collection_id", flat=True))
    Document.objects.all().delete()
    accepted = upload(long_an)

    # Wagtail offers an editor only the collections they may add to: with one,
    # it takes no choice, so a file aimed at Tân Ninh lands in Long An's.
    assert elsewhere.status_code == 302
    assert placed == [long_an.pk]
    assert accepted.status_code == 302
    assert Document.objects.get().collection_id == long_an.pk
    assert not Document.objects.filter(collection=tan_ninh).exists()
