"""The sandbox bank page and the result page in Chromium, on a phone and a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.payments.conftest import apply_online
from egov.onestop.payments.models import Payment, PaymentStatus
from egov.onestop.payments.services import start_payment
from egov.platform.web.tests.conftest import ARTIFACTS, CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import PHONE, log_in, too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

DESKTOP = {"width": 1280, "height": 900}


def shoot(page: Page, name: str) -> None:
    """Desktop and phone screenshots; at 390px nothing may scroll sideways."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    page.screenshot(path=str(ARTIFACTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide: {too_wide(page, PHONE['width'])}"


@pytest.fixture
def pay_url(
    settings: Settings, live_server: LiveServer, desk: Desk, cast: Cast, province: Province
) -> str:
    settings.PUBLIC_URL = live_server.url
    dossier = apply_online(desk, cast, province)
    _payment, url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")
    return url


def test_citizen_pays_at_the_sandbox_bank(pay_url: str, cast: Cast, page: Page) -> None:
    # Given the citizen, logged in, sent to the bank with a signed order
    log_in(page, cast.citizen.username, PASSWORD)
    page.wait_for_url("**/")
    page.goto(pay_url)
    # Then the bank shows the amount and the two choices
    expect(page.get_by_text("Cổng thanh toán thử nghiệm")).to_be_visible()
    expect(page.locator(".bank-amount strong")).to_have_text("8.000 đồng")
    shoot(page, "payment-sandbox-bank")
    # When they press "Thanh toán"
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    page.get_by_role("button", name="Thanh toán").click()
    # Then they come back to our result page, already confirmed by the IPN
    page.wait_for_url(re.compile(r"/thanh-toan/ket-qua/\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thanh toán thành công")
    expect(page.locator(".facts")).to_contain_text("Đã thanh toán")
    expect(page.get_by_role("link", name="Về trang hồ sơ")).to_be_visible()
    shoot(page, "payment-result")
    assert Payment.objects.get().status == PaymentStatus.PAID
