"""The public home page a citizen can use, in Chromium (issue 17, item 10).

From the home page, without an account: search the catalogue (typed
without diacritics), reach the online application, track a dossier with the
codes of the receipt and see the statistics; on a phone nothing scrolls
sideways.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import Cast, Province
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.dossiers.tests.test_browser_path import DESKTOP, shoot
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def test_a_visitor_searches_applies_tracks_and_sees_statistics_from_the_home_page(
    desk: Desk, cast: Cast, province: Province, page: Page
) -> None:
    dossier = receive(desk, cast, province)
    assert dossier.code is not None
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dịch vụ công trực tuyến")
    shoot(page, "home")

    # Search, typed without diacritics
    page.get_by_role("searchbox").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm thủ tục").click()
    page.wait_for_url("**/thu-tuc/?q=dang+ky+khai+sinh")
    expect(page.get_by_role("link", name="Thủ tục đăng ký khai sinh")).to_be_visible()

    # "Nộp hồ sơ" leads to the catalogue, where each procedure offers its application
    page.goto("/")
    page.locator(".home-actions").get_by_role("link", name="Nộp hồ sơ").click()
    page.wait_for_url("**/thu-tuc/")

    # Track with the codes printed on the receipt
    page.goto("/")
    page.get_by_role("link", name="Tra cứu", exact=True).click()
    page.wait_for_url("**/tra-cuu/")
    page.get_by_label("Mã hồ sơ hoặc mã theo dõi").fill(dossier.code)
    page.get_by_label("Mã tra cứu trên phiếu hẹn").fill(dossier.tracking_secret)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".tracking-result .status")).to_have_text("Được tiếp nhận")

    # The statistics
    page.goto("/")
    page.get_by_role("link", name="Xem thống kê").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Công khai kết quả giải quyết thủ tục hành chính")
    )
