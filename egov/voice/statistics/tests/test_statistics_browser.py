"""The leader finds the figures from the feedback inbox, picks a period and downloads the XLSX."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def test_the_leader_reads_the_figures_of_may_and_downloads_them(
    cast: Cast, activity: None, page: Page
) -> None:
    log_in(page, cast.leader.username, PASSWORD)
    page.goto("/y-kien/xu-ly/")
    page.get_by_role("link", name="Thống kê tiếp công dân, phản ánh, đơn thư").click()
    page.get_by_label("Từ ngày").fill("01/05/2026")
    page.get_by_label("Đến ngày").fill("31/05/2026")
    page.get_by_role("button", name="Xem").click()

    total = page.locator("#feedback_units tr.total td")
    expect(total.nth(0)).to_have_text("Tổng cộng")
    expect(total.nth(1)).to_have_text("3")
    expect(page.locator("#receptions_units tr.total td").nth(2)).to_have_text("7")
    if os.environ.get("EGOV_SCREENSHOTS"):
        page.screenshot(
            path=f"{os.environ['EGOV_SCREENSHOTS']}/voice-statistics.png", full_page=True
        )
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    assert download.value.suggested_filename == "thong-ke-tiep-dan-20260501-20260531.xlsx"
