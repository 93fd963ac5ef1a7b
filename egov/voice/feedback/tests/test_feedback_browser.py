"""Feedback from the citizen's form to the dialogue page, in Chromium.

A citizen (not logged in) sends feedback on a phone; Phường Long An's
specialist accepts it and drafts the answer; the leader approves it; the
citizen follows it by its code and finds the published answer on the
dialogue page by typing without diacritics, with their name and phone
nowhere on it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast, Province
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import PHONE, log_in, too_wide
from egov.voice.feedback.models import Feedback, Status, Topic

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

TITLE = "Hỏi thủ tục cấp bản sao trích lục khai sinh"
ANSWER = "Ông/bà có thể yêu cầu cấp bản sao trích lục khai sinh trực tuyến."


def _as(page: Page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)


def test_a_citizen_finds_the_published_answer_to_their_feedback(
    province: Province, cast: Cast, topics: dict[str, Topic], page: Page
) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/y-kien/gui/")
    page.get_by_label("Gửi đến cơ quan").select_option(label="Phường Long An")
    page.get_by_label("Phản ánh về", exact=True).select_option(value="procedure")
    page.get_by_label("Lĩnh vực").select_option(label="Hộ tịch")
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Nội dung", exact=True).fill(
        "Tôi là Lê Thị Cúc, làm mất giấy khai sinh; xin bản sao ở đâu? <b>Gấp</b>"
    )
    page.get_by_label("Họ và tên").fill("Lê Thị Cúc")
    page.get_by_label("Số điện thoại").fill("0903123456")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide: {too_wide(page, PHONE['width'])}"
    page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.locator("#feedback-status")).to_have_text("Chờ phân loại")
    code = page.locator("#feedback-code").inner_text()
    feedback = Feedback.objects.get()
    assert (feedback.code, feedback.channel) == (code, "online")

    _as(page, cast.specialist.username)
    page.goto("/y-kien/xu-ly/")
    page.get_by_role("link", name=code).first.click()
    page.get_by_label("Đơn vị xử lý").select_option(label="Phường Long An")
    page.get_by_role("button", name="Tiếp nhận, chuyển xử lý").click()
    expect(page.locator("#status")).to_have_text("Đang xử lý")
    page.get_by_label("Nội dung trả lời").fill(ANSWER)
    page.get_by_role("button", name="Trình lãnh đạo duyệt").click()
    expect(page.locator("#status")).to_have_text("Chờ lãnh đạo duyệt")

    _as(page, cast.leader.username)
    page.goto(f"/y-kien/{feedback.pk}/")
    expect(page.get_by_label("Câu hỏi công khai")).to_have_value(
        re.compile(r"^Tôi là \[đã ẩn\], làm mất giấy khai sinh")
    )
    page.get_by_role("button", name="Duyệt và gửi trả lời").click()
    expect(page.locator("#status")).to_have_text("Đã trả lời")
    feedback.refresh_from_db()
    assert feedback.status == Status.ANSWERED
    assert feedback.published_at is not None

    page.context.clear_cookies()
    page.goto(f"/y-kien/theo-doi/{code}/")
    expect(page.locator("#feedback-status")).to_have_text("Đã trả lời")
    page.goto("/hoi-dap/")
    page.get_by_label("Tìm kiếm").fill("ban sao trich luc khai sinh")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".answer-text")).to_have_text(ANSWER)
    expect(page.locator(".question-text")).to_contain_text("<b>Gấp</b>")
    body = page.content()
    assert "Lê Thị Cúc" not in body
    assert "0903123456" not in body
