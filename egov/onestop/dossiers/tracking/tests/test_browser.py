"""The tracking page and the kiosk in Chromium, at desktop and phone widths.

Screenshots go to /tmp/tracking-*.png for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tracking.tests.conftest import MASKED_NAME
from egov.platform.web.tests.conftest import CHROMIUM, browser_required, page

__all__ = ["page"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

SHOTS = Path("/tmp")  # noqa: S108 - screenshots for a person to look at
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


def _link(dossier: Dossier, path: str = "/tra-cuu/") -> str:
    assert dossier.code is not None
    return f"{path}?{urlencode({'ma': dossier.code, 'bi_mat': dossier.tracking_secret})}"


def _fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"page is {scroll}px wide at {width}px"


def test_tracking_page_by_typing_the_code(returned_dossier: Dossier, page: Page) -> None:
    assert returned_dossier.code is not None
    page.set_viewport_size(DESKTOP)
    page.goto("/tra-cuu/")
    page.get_by_label("Mã hồ sơ").fill(returned_dossier.code)
    page.get_by_label("Hoặc số điện thoại người nộp").fill("+84 912 345 678")
    page.get_by_role("button", name="Tra cứu").click()

    expect(page.locator(".tracking-result .status")).to_have_text("Đã trả kết quả · Trước hạn")
    expect(page.get_by_text(MASKED_NAME)).to_be_visible()
    expect(page.locator(".history .step-name")).to_have_text(
        ["Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "Lãnh đạo ký duyệt", "Trả kết quả"]
    )
    page.screenshot(path=str(SHOTS / "tracking-desktop.png"), full_page=True)
    _fits(page, DESKTOP["width"])

    page.set_viewport_size(PHONE)
    page.goto(_link(returned_dossier))
    expect(page.locator(".history li")).to_have_count(4)
    page.screenshot(path=str(SHOTS / "tracking-phone.png"), full_page=True)
    _fits(page, PHONE["width"])


def test_kiosk_returns_to_the_empty_form_when_idle(open_dossier: Dossier, page: Page) -> None:
    page.clock.install()
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(_link(open_dossier, "/tra-cuu/kiosk/"))
    expect(page.locator(".tracking-result .status")).to_have_text("Đang xử lý")
    expect(page.locator("nav")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "tracking-kiosk.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / "tracking-kiosk-phone.png"), full_page=True)
    _fits(page, PHONE["width"])
    page.set_viewport_size({"width": 1080, "height": 1920})

    # Touched after 50 s: the timer starts again.
    page.clock.run_for(50_000)
    page.mouse.click(5, 5)
    page.clock.run_for(50_000)
    assert "?" in page.url
    page.clock.run_for(11_000)

    page.wait_for_url("**/tra-cuu/kiosk/")
    expect(page.locator(".tracking-result")).to_have_count(0)
    expect(page.get_by_label("Mã hồ sơ")).to_have_value("")
    expect(page.get_by_label("Mã hồ sơ")).to_be_focused()
    box = page.get_by_role("button", name="Tra cứu").bounding_box()
    assert box is not None and box["height"] >= 60
    page.screenshot(path=str(SHOTS / "tracking-kiosk-empty.png"))
