"""The menu's due-date calculator in Chromium (issue 17, item 8).

Opened from the menu it shows the form alone, no complaint before anything
is typed; a date typed the Vietnamese way gives the appointment, a wrong one
a Vietnamese message.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast
from egov.platform.web.tests.conftest import ARTIFACTS, CHROMIUM, browser_required
from egov.platform.web.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def test_the_calculator_opens_clean_and_answers_a_vietnamese_date(cast: Cast, page: Page) -> None:
    # The menu offers it to staff, on every page.
    log_in(page, cast.reception.username, PASSWORD)
    page.goto("/thu-tuc/")
    page.get_by_role("link", name="Tính hạn giải quyết").click()
    page.wait_for_url("**/lich/han-giai-quyet/")

    # Nothing typed yet: no error, no mention of ISO 8601.
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_text("ISO 8601")).to_have_count(0)

    # Monday 2 March 2026, 09:00, plus 5 working days (no holiday that week).
    page.get_by_label("Thời điểm tiếp nhận").fill("02/03/2026 09:00")
    page.get_by_label("Thời hạn").fill("5")
    page.get_by_role("button", name="Tính").click()
    expect(page.locator("#due-result .result")).to_have_text(
        "Ngày hẹn trả kết quả: 09:00, Thứ 2 09/03/2026"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "due-calculator-desktop.png"), full_page=True)

    # A day that does not exist gets a Vietnamese message in place of the result.
    page.get_by_label("Thời điểm tiếp nhận").fill("31/02/2026 09:00")
    page.get_by_role("button", name="Tính").click()
    # (A 422 answer: htmx swaps it in, see the htmx-config of web/base.html.)
    expect(page.locator("#due-result [role=alert]")).to_have_text(
        "Thời điểm tiếp nhận không đúng định dạng ngày/tháng/năm giờ:phút (ví dụ 13/02/2026 09:00)."
    )
    expect(page.locator("#due-result .result")).to_have_count(0)
    expect(page.get_by_text("ISO 8601")).to_have_count(0)
