"""The register and login pages in Chromium at a phone's width."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from egov.platform.web.tests.conftest import ARTIFACTS, CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import PHONE, too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide: {too_wide(page, PHONE['width'])}"


def test_register_then_log_in_refused_until_confirmed_on_a_phone(
    settings: Settings, page: Page
) -> None:
    # Given the identity provider configured (its button shows) and a phone screen
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    settings.OIDC_CLIENT_ID = "egov"
    settings.OIDC_CLIENT_SECRET = "x"
    page.set_viewport_size(PHONE)
    # When a citizen fills the register form with a password too short
    page.goto("/tai-khoan/dang-ky/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký tài khoản")
    expect(page.get_by_role("link", name="Đăng nhập bằng VNeID")).to_be_visible()
    shoot(page, "citizens-register")
    page.get_by_label("Họ và tên (hoặc tên doanh nghiệp)").fill("Lê Thị Hoa")
    page.get_by_label("E-mail hoặc số điện thoại").fill("hoa@example.vn")
    page.get_by_label("Mật khẩu", exact=True).fill("abc")
    page.get_by_label("Nhập lại mật khẩu").fill("abc")
    page.get_by_role("button", name="Đăng ký").click()
    # Then the Vietnamese validator message shows under the field
    expect(page.locator(".errorlist")).to_have_text(
        "Mật khẩu quá ngắn: cần ít nhất 8 ký tự.Mật khẩu này quá phổ biến, dễ bị đoán."
    )
    shoot(page, "citizens-register-error")
    # When the password is strong enough
    page.get_by_label("Mật khẩu", exact=True).fill("Lua-chin-vang-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("Lua-chin-vang-2026")
    page.get_by_role("button", name="Đăng ký").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiểm tra hộp thư của bạn")
    expect(page.locator("main")).to_contain_text("ho***@example.vn")
    # When they try to log in before confirming
    page.goto("/tai-khoan/dang-nhap/")
    shoot(page, "citizens-login")
    page.get_by_label("E-mail hoặc số điện thoại").fill("hoa@example.vn")
    page.get_by_label("Mật khẩu").fill("Lua-chin-vang-2026")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    # Then they are told to confirm first (the account exists, inactive)
    expect(page.get_by_role("alert")).to_contain_text("Tài khoản chưa được xác nhận.")
    shoot(page, "citizens-login-unconfirmed")
