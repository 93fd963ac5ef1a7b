"""The portal's "Done when" in a browser (issue 18): a commune's editor writes
a news article in Wagtail's admin and submits it, the commune's leader
approves it, it is live on the commune's site and the province's search
finds it typed without diacritics; an issued public document of the
document office is on the site with its PDF.

Here rather than in egov/portal: the test issues the document through the
document office's own services, which the portal's code may not import
(docs/architecture.md). See egov/platform/web/tests/conftest.py for how
Chromium runs.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from playwright.sync_api import Page, ViewportSize, expect
from wagtail.images.models import Image

from egov.conftest import PASSWORD, Cast
from egov.office.documents.models import OutgoingDocument
from egov.office.documents.services.outgoing import issue_outgoing
from egov.office.documents.services.publicity import set_outgoing_public
from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    Drafting,
    approved,
    drafting_fixture,
)
from egov.platform.web.tests.conftest import ARTIFACTS, CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import log_in, too_wide
from egov.portal.pages.editors import unit_collection
from egov.portal.pages.legal_documents import LegalDocumentsPage
from egov.portal.pages.models import NewsArticlePage
from egov.portal.pages.tests.conftest import Portal, portal  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

# The one violation the admin's pages may have: Wagtail 8's vendor bundle
# inserts a <style> element, which the platform's policy refuses (harmless to
# the editor). Any other violation fails, on the admin's pages as on the public
# ones: the date pickers' inline scripts are replaced by portal_admin/choosers.js.
ADMIN_STYLE = (
    r"^style-src(-elem)? blocked inline .* on /quan-tri-cong/"
    r"|^console: (Refused to apply|Applying) inline style"
)
TITLE = "Phường Long An khánh thành nhà văn hóa khu phố 4"
SUMMARY = "Nhà văn hóa khu phố 4 đưa vào sử dụng sau 6 tháng xây dựng."
BODY = "Công trình có hội trường 200 chỗ ngồi và sân thể thao cho thiếu nhi."
LONG_AN = "/cong-thong-tin/phuong-long-an/"


@pytest.fixture
def issued(portal: Portal, drafting: Drafting) -> OutgoingDocument:  # noqa: F811
    """The province's documents page, and a document its clerk marked public and issued."""
    documents = LegalDocumentsPage(
        title="Văn bản chỉ đạo, điều hành", slug="van-ban", decree_category="legal_documents"
    )
    portal.province.add_child(instance=documents)
    documents.save_revision().publish()
    document = approved(drafting)
    set_outgoing_public(actor=drafting.cast.clerk, document=document, public=True)
    return issue_outgoing(actor=drafting.cast.clerk, document=document)


@pytest.mark.csp_allows(ADMIN_STYLE)
def test_an_article_goes_from_the_editor_through_the_leader_to_the_site_and_search(
    cast: Cast,
    portal: Portal,  # noqa: F811
    issued: OutgoingDocument,
    page: Page,
) -> None:
    # Given Long An's editor (its specialist) in the portal's admin
    log_in(page, cast.specialist.username, PASSWORD)
    page.goto(
        f"/quan-tri-cong/pages/add/portal_pages/newsarticlepage/{portal.long_an_news.pk}/",
        wait_until="networkidle",
    )

    # (the date pickers, the article's and the publication schedule's two, started
    # though the policy refuses Wagtail's inline scripts: portal_admin/choosers.js)
    expect(page.locator(".xdsoft_datetimepicker")).to_have_count(3)

    # When she writes a news article and submits it to the unit's leader
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    page.locator(".public-DraftEditor-content").click()
    page.keyboard.type(BODY)
    expect(page.locator(".public-DraftEditor-content")).to_have_text(BODY)
    # Draftail copies its content into the form's field a moment later: wait for it.
    expect(page.locator("#id_body")).to_have_value(re.compile(re.escape(BODY)))
    # (the tab's anchor follows its translated heading: "Quảng bá", egov/locale/vi)
    page.get_by_role("tab", name="Quảng bá").click()
    page.locator("#id_slug").fill("nha-van-hoa-khu-pho-4")
    expect(page.locator("#id_slug")).to_have_value("nha-van-hoa-khu-pho-4")
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="Thực hiện Duyệt tin bài – Phường Long An").click()

    # Then it waits for approval, not on the site
    expect(page.locator(".messages")).to_contain_text(TITLE)
    article = NewsArticlePage.objects.get(slug="nha-van-hoa-khu-pho-4")
    assert (article.title, article.live) == (TITLE, False)
    assert article.body == f'<p data-block-key="{_block_key(article.body)}">{BODY}</p>'
    page.goto(LONG_AN)
    expect(page.locator("main")).not_to_contain_text(TITLE)

    # When the commune's leader opens it and approves it
    page.context.clear_cookies()
    log_in(page, portal.long_an_leader.username, PASSWORD)
    page.goto(f"/quan-tri-cong/pages/{article.pk}/edit/", wait_until="networkidle")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).click()
    expect(page.locator(".messages")).to_contain_text(TITLE)

    # Then it is on the commune's site, and an anonymous visitor reads it
    article.refresh_from_db()
    assert article.live is True
    page.context.clear_cookies()
    page.goto(LONG_AN)
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**{LONG_AN}tin-tuc/nha-van-hoa-khu-pho-4/")
    expect(page.locator("main")).to_contain_text(BODY)

    # and the province's search finds it typed without diacritics
    page.goto("/cong-thong-tin/")
    page.get_by_label("Tìm kiếm thông tin, văn bản, thủ tục, hỏi đáp").fill("nha van hoa khu pho 4")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.locator("#ket-qua-trang h3")).to_have_text([TITLE])

    # The office's issued public document is on the province's site with its PDF
    page.goto("/cong-thong-tin/van-ban/")
    page.get_by_role("link", name=issued.notation).click()
    expect(page.locator("h1")).to_have_text(f"Quyết định (cá biệt) số {issued.notation}")
    link = page.get_by_role("link", name=f"Tải văn bản {issued.notation} (PDF)")
    href = link.get_attribute("href")
    assert href == f"/cong-thong-tin/van-ban/{issued.pk}/tep/"
    pdf = page.request.get(href)
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.body().startswith(b"%PDF-")


def _block_key(html: str) -> str:
    found = re.search(r'data-block-key="([^"]+)"', html)
    return found.group(1) if found else ""


PORTAL_PHONE: ViewportSize = {"width": 375, "height": 812}


@pytest.fixture
def wide_photo_article(portal: Portal) -> NewsArticlePage:  # noqa: F811
    """A live article of Long An with a photo wider than any phone, in its collection."""
    out = io.BytesIO()
    PillowImage.new("RGB", (1200, 600), (30, 90, 160)).save(out, format="PNG")
    photo = Image.objects.create(
        title="Nhà văn hóa khu phố 4",
        description="Nhà văn hóa khu phố 4 nhìn từ sân thể thao",
        collection=unit_collection(portal.long_an),
        file=ImageFile(io.BytesIO(out.getvalue()), name="nha-van-hoa.png"),
    )
    article = NewsArticlePage(
        title=TITLE, slug="nha-van-hoa-khu-pho-4", summary=SUMMARY, body=f"<p>{BODY}</p>"
    )
    article.image = photo
    portal.long_an_news.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_public_pages_fit_a_phone_and_print_without_navigation(
    portal: Portal,  # noqa: F811
    issued: OutgoingDocument,
    wide_photo_article: NewsArticlePage,
    page: Page,
) -> None:
    # Given a phone's screen
    page.set_viewport_size(PORTAL_PHONE)
    article = f"{LONG_AN}tin-tuc/nha-van-hoa-khu-pho-4/"
    pages = {
        "home": "/cong-thong-tin/",
        "article": article,
        "unit-site": LONG_AN,
        "search": "/cong-thong-tin/tim-kiem/?q=nha+van+hoa",
        "document": f"/cong-thong-tin/van-ban/{issued.pk}/",
    }
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in pages.items():
        # When each public page is opened
        page.goto(path, wait_until="networkidle")
        page.screenshot(path=str(ARTIFACTS / f"portal-{name}-phone.png"), full_page=True)
        # Then nothing needs horizontal scrolling
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide: {too_wide(page, 375)}"
        # and the menu is one button that opens the links
        toggle = page.get_by_role("button", name="Danh mục")
        expect(toggle).to_be_visible()
        toggle.click()
        expect(page.locator("#main-nav").get_by_role("link", name="Thủ tục")).to_be_visible()
        # An article or a document can be printed; a list or the search cannot
        printable = 1 if name in ("article", "document") else 0
        expect(page.get_by_role("button", name="In / lưu bài viết")).to_have_count(printable)

    # The article's photo is scaled to the screen, with its alternative text
    page.goto(article, wait_until="networkidle")
    photo = page.locator(".portal-figure img")
    expect(photo).to_have_attribute("alt", "Nhà văn hóa khu phố 4 nhìn từ sân thể thao")
    box = photo.bounding_box()
    assert box is not None and box["width"] <= 375
    assert page.evaluate("document.querySelector('.portal-figure img').naturalWidth") == 960

    # The article has a print / save button, which opens the print dialog
    button = page.get_by_role("button", name="In / lưu bài viết")
    expect(button).to_be_visible()
    page.evaluate("window.print = () => { window.__printed = true; }")
    button.click()
    assert page.evaluate("window.__printed") is True
    # and printed, the page has no navigation, only the article
    page.emulate_media(media="print")
    expect(page.locator("#main-nav")).to_be_hidden()
    expect(page.locator("header.topbar")).to_be_hidden()
    expect(page.locator("nav.breadcrumbs")).to_be_hidden()
    expect(button).to_be_hidden()
    expect(page.locator("main h1")).to_have_text(TITLE)
    page.pdf(path=str(ARTIFACTS / "portal-article-print.pdf"))
