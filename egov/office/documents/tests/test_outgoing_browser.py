"""An outgoing document from draft to issued in Chromium; the leader signs on a 390px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD
from egov.office.documents.models import IncomingDocument, OutgoingDocument
from egov.office.documents.tests.conftest import PDF, doc_type
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    SUMMARY,
    Drafting,
    drafting_fixture,
)
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import PHONE, log_in, too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def _as(page: Page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)


def test_a_draft_goes_to_issued_in_the_browser(drafting: Drafting, page: Page) -> None:
    d = drafting
    decision = str(doc_type("QĐ").pk)
    _as(page, d.drafter.username)
    page.goto("/van-ban/di/soan-thao/")
    page.get_by_label("Loại văn bản").select_option(value=decision)
    page.get_by_label("Trích yếu nội dung").fill(SUMMARY)
    page.get_by_label("Nơi nhận trong hệ thống").select_option(value=str(d.office.long_an.pk))
    page.get_by_label("Nơi nhận bên ngoài (mỗi dòng một cơ quan)").fill("Bộ Tư pháp")
    page.get_by_label("Tệp dự thảo (DOCX hoặc PDF)").set_input_files(
        {"name": "du-thao.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_text("Đã tạo dự thảo.")).to_be_visible()
    page.get_by_role("button", name="Gửi xem xét").click()
    expect(page.locator("#status")).to_have_text("Chờ lãnh đạo phòng xem xét")

    _as(page, d.cast.head.username)
    page.goto("/van-ban/di/cho-duyet/")
    page.get_by_role("link", name=SUMMARY).click()
    page.get_by_label("Ý kiến").fill("Đề nghị lãnh đạo ký ban hành")
    page.get_by_role("button", name="Chuyển trình ký").click()
    expect(page.locator("#status")).to_have_text("Trình ký")

    # The leader signs on the move.
    page.set_viewport_size(PHONE)
    _as(page, d.cast.leader.username)
    page.goto("/van-ban/di/cho-duyet/")
    page.get_by_role("link", name=SUMMARY).click()
    expect(page.get_by_text("Đề nghị lãnh đạo ký ban hành")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide: {too_wide(page, PHONE['width'])}"
    page.get_by_role("button", name="Duyệt ký").click()
    expect(page.locator("#status")).to_have_text("Đã duyệt, chờ phát hành")

    page.set_viewport_size({"width": 1280, "height": 900})
    _as(page, d.cast.clerk.username)
    page.goto("/van-ban/di/cho-phat-hanh/")
    page.get_by_role("link", name=SUMMARY).click()
    page.get_by_role("button", name="Cấp số và phát hành").click()
    expect(page.locator("#status")).to_have_text("Đã phát hành")
    expect(page.locator("#notation")).to_contain_text("01/QĐ-UBND")
    expect(page.get_by_text("Chờ gửi liên thông")).to_be_visible()

    document = OutgoingDocument.objects.get()
    assert (document.notation, document.status) == ("01/QĐ-UBND", "issued")
    received = IncomingDocument.objects.get(body=d.office.long_an)
    assert (received.notation, received.arrival_number) == ("01/QĐ-UBND", 1)
