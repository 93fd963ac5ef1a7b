"""The office statistics in Chromium: a leader picks the period, reads the tables
on a desktop and on a 390 px phone (nothing scrolls sideways)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD
from egov.office.documents.tests.outgoing_fixtures import Drafting
from egov.office.statistics.tests.test_figures import march as march  # noqa: F401 - fixture
from egov.platform.web.tests.conftest import ARTIFACTS, CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import PHONE, log_in, too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def test_a_leader_reads_the_month_on_desktop_and_phone(march: Drafting, page: Page) -> None:
    log_in(page, march.cast.leader.username, PASSWORD)
    page.goto("/van-ban/den/xu-ly/")
    page.locator("nav.tabs").get_by_role("link", name="Thống kê").click()
    page.wait_for_url("**/van-ban/thong-ke/")

    page.get_by_label("Từ ngày").fill("01/03/2026")
    page.get_by_label("Đến ngày").fill("31/03/2026")
    page.get_by_role("button", name="Xem").click()

    expect(page.locator("#office-figures")).to_contain_text(
        "từ ngày 01/03/2026 đến ngày 31/03/2026"
    )
    expect(page.locator('#office-figures td[data-label="VB đến"]').first).to_have_text("4")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "office-statistics-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / "office-statistics-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], too_wide(page, PHONE["width"])
