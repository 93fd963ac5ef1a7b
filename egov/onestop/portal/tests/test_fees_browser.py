"""Fees set by the provincial council, in Chromium (issue 17, item 1).

The catalogue, the apply page and the bank read one quote: the council's
amount for the agency and the channel. While the council's amount is not
entered, the page says so (never "Miễn phí") and online payment is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from egov.conftest import PASSWORD, Province
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tests.test_browser_path import DESKTOP, shoot
from egov.onestop.payments.models import Payment
from egov.onestop.portal.tests.conftest import PDF, Online
from egov.onestop.procedures.council_fees import set_council_fee
from egov.platform.accounts.models import User
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


@pytest.fixture
def by_council(online: Online) -> Online:
    procedure = online.desk.procedure
    procedure.fee_set_by_council = True
    procedure.charge_vnd = 0
    procedure.save()
    return online


def apply(page: Page, online: Online, province: Province, tmp_path: Path) -> None:
    """Fill the simple test form, attach both required files and submit."""
    declaration = tmp_path / "to-khai.pdf"
    declaration.write_bytes(PDF)
    certificate = tmp_path / "giay-chung-sinh.pdf"
    certificate.write_bytes(PDF + b"chung sinh")
    page.get_by_label("Cơ quan giải quyết").select_option(str(province.long_an.pk))
    page.locator("[name=f_child_name]").fill("Trần Gia Bảo")
    page.locator("[name=f_child_birth_date]").fill("20/02/2026")
    page.locator("[name=f_requester_name]").fill("Trần Văn An")
    page.locator("[name=f_requester_id]").fill("072090001234")
    page.get_by_label("Tờ khai đăng ký khai sinh").set_input_files(declaration)
    page.get_by_label("Giấy chứng sinh").set_input_files(certificate)
    page.get_by_role("button", name="Nộp hồ sơ").click()


def test_the_bank_asks_the_councils_online_amount_shown_on_the_apply_page(
    by_council: Online,
    citizen: User,
    province: Province,
    settings: Settings,
    live_server: LiveServer,
    tmp_path: Path,
    page: Page,
) -> None:
    settings.PUBLIC_URL = live_server.url
    procedure = by_council.desk.procedure
    # The council charges 15.000 đồng at the desk and 7.000 đồng online.
    set_council_fee(
        actor=None,
        procedure=procedure,
        unit=province.province,
        fee_vnd=0,
        charge_vnd=15000,
        charge_online_vnd=7000,
        resolution="Nghị quyết số 12/2025/NQ-HĐND",
    )
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    log_in(page, citizen.username, PASSWORD)

    page.goto(f"/dich-vu-cong/nop/{procedure.code}/")
    page.get_by_label("Cơ quan giải quyết").select_option(str(province.long_an.pk))
    expect(page.locator("#fees")).to_have_text("Phí, lệ phí: 7.000 đồng")
    shoot(page, "fees-council-apply")
    apply(page, by_council, province, tmp_path)

    page.wait_for_url("**/thanh-toan/sandbox-bank/**")
    expect(page.locator(".bank-amount strong")).to_have_text("7.000 đồng")
    shoot(page, "fees-council-bank")
    assert Payment.objects.get().amount_vnd == 7000


def test_an_amount_not_entered_is_never_free_and_is_not_paid_online(
    by_council: Online,
    citizen: User,
    province: Province,
    settings: Settings,
    live_server: LiveServer,
    tmp_path: Path,
    page: Page,
) -> None:
    settings.PUBLIC_URL = live_server.url
    procedure = by_council.desk.procedure
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    log_in(page, citizen.username, PASSWORD)

    page.goto(f"/dich-vu-cong/nop/{procedure.code}/")
    page.get_by_label("Cơ quan giải quyết").select_option(str(province.long_an.pk))
    expect(page.locator("#fees")).to_have_text(
        "Phí, lệ phí: Do Hội đồng nhân dân tỉnh quyết định, chưa cập nhật mức thu"
    )
    expect(page.get_by_text("Miễn phí")).to_have_count(0)
    apply(page, by_council, province, tmp_path)

    # The dossier is filed; the payment is refused with the reason, nothing half-made.
    expect(page.locator(".messages")).to_contain_text(
        "chưa được cập nhật trên hệ thống nên chưa thể thanh toán trực tuyến"
    )
    assert Dossier.objects.count() == 1
    assert Payment.objects.count() == 0
    shoot(page, "fees-council-not-set")
