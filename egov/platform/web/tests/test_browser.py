"""The web shell in a real browser: logging in, a unit's home page, its audit trail.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright against
pytest-django's live_server; see conftest.py for when these tests run.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from egov.conftest import PASSWORD, Cast, Province
from egov.platform.web.tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def too_wide(page: Page, width: int) -> list[str]:
    """The innermost elements reaching past ``width``, to say what overflows."""
    found: list[str] = page.evaluate(
        """(width) => [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > width)
            .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > width))
            .map((e) => `${e.tagName.toLowerCase()} ${JSON.stringify(e.textContent.trim())}`)""",
        width,
    )
    return found


def test_specialist_lands_on_the_inbox_and_sees_their_unit(
    province: Province, cast: Cast, page: Page
) -> None:
    # Given the province, the cast, and the specialist of Phường Long An
    long_an = province.long_an
    # When they log in through the form
    log_in(page, cast.specialist.username, PASSWORD)
    # Then they land on their work: the dossier inbox
    page.wait_for_url("**/ho-so/")
    # and their unit's page shows their role and its trail, in words
    page.goto(f"/don-vi/{long_an.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Long An")
    expect(page.locator(".tag")).to_have_text(["Chuyên viên"])
    trail = page.locator("#trail table.trail")
    expect(trail).to_be_visible()
    expect(trail.get_by_text("Tạo đơn vị")).to_have_count(1)
    expect(trail.locator("code")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "unit-home-desktop.png"), full_page=True)

    # When the same page is shown at a phone's width
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.locator("#trail table.trail")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "unit-home-phone.png"), full_page=True)
    # Then nothing needs horizontal scrolling
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide: {too_wide(page, PHONE['width'])}"


def test_phone_menu_collapses_behind_a_button(db: None, page: Page) -> None:
    # Given the home page on a phone
    page.set_viewport_size(PHONE)
    page.goto("/")
    toggle = page.get_by_role("button", name="Danh mục")
    procedures = page.locator("#main-nav").get_by_role("link", name="Thủ tục")
    # Then the menu is one button, its links hidden
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(procedures).to_be_hidden()
    header = page.locator("header.topbar").bounding_box()
    assert header is not None and header["height"] < 120  # one row, not four
    # When the button is pressed, the links show; pressed again, they hide
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(procedures).to_be_visible()
    toggle.click()
    expect(procedures).to_be_hidden()
    # and on a desktop the links show without the button
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(toggle).to_be_hidden()
    expect(procedures).to_be_visible()


def test_wrong_password_shows_the_error_on_the_login_page(cast: Cast, page: Page) -> None:
    # Given the specialist's account
    # When they log in with a wrong password
    log_in(page, cast.specialist.username, "wrong-password")
    # Then the login page is shown again with the Vietnamese message
    page.wait_for_url("**/dang-nhap/")
    expect(page.get_by_role("alert")).to_have_text(
        "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: có phân biệt chữ hoa, chữ thường."
    )
    expect(page.get_by_label("Tên đăng nhập")).to_have_value(cast.specialist.username)
