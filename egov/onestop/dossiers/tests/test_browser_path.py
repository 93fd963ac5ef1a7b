"""A birth registration's whole path through the desk, in a real browser.

Reception at Phường Long An's centre → the specialist claims and forwards →
the commune leader approves → reception records and returns the result →
the citizen's tracking page shows the steps. See egov/platform/web/tests/conftest.py
for how Chromium runs.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tests.conftest import Desk
from egov.platform.web.tests.conftest import ARTIFACTS, CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import PHONE, log_in, too_wide

# egov/platform/web/tests/conftest.py deselects browser tests without Chromium only when
# that directory is collected too; this keeps `pytest egov/onestop/dossiers` honest.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

DESKTOP = {"width": 1280, "height": 900}


def log_out(page: Page) -> None:
    page.get_by_role("button", name=re.compile("Đăng xuất")).click()
    page.wait_for_url("**/")


def shoot(page: Page, name: str) -> None:
    """A desktop and a phone screenshot; the phone one must not scroll sideways."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    page.screenshot(path=str(ARTIFACTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide: {too_wide(page, PHONE['width'])}"
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})


def test_birth_registration_from_desk_to_returned(
    province: Province, cast: Cast, desk: Desk, page: Page
) -> None:
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    # Given the reception officer of Phường Long An's centre at the desk
    log_in(page, cast.reception.username, PASSWORD)
    page.goto("/ho-so/")
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.wait_for_url(re.compile(r"/ho-so/tiep-nhan/\?don_vi=\d+$"))
    # When they choose the procedure, htmx brings its agency and documents
    page.get_by_label("Thủ tục").select_option(label="Thủ tục đăng ký khai sinh (1.001193)")
    expect(page.get_by_label("Cơ quan giải quyết")).to_have_value(str(province.long_an.pk))
    page.get_by_role("checkbox", name="Tờ khai đăng ký khai sinh").check()
    page.get_by_role("checkbox", name="Giấy chứng sinh").check()
    page.get_by_label("Họ tên/tên tổ chức").fill("Trần Văn An")
    page.get_by_label("Số CCCD/mã số doanh nghiệp").fill("072090001234")
    page.get_by_label("Địa chỉ").fill("Khu phố 1, Phường Long An, Tỉnh Tây Ninh")
    page.get_by_label("Điện thoại").fill("0912345678")
    page.get_by_label("Thư điện tử").fill("an.tran@example.vn")
    shoot(page, "dossier-reception")
    # and accept the dossier
    page.get_by_role("button", name="Lưu và in phiếu").click()
    page.wait_for_url(re.compile(r"/ho-so/\d+/$"))
    # Then its page shows the new code
    code = page.locator("h1 code").inner_text()
    assert re.fullmatch(r"001\.01\.30\.H53-\d{6}-0001", code)
    expect(page.locator(".messages")).to_contain_text(f"Đã tiếp nhận hồ sơ {code}.")
    dossier_url = page.url
    # The officer forwards it from the reception step to the specialists
    page.get_by_role("button", name="Chuyển xử lý").click()
    expect(page.locator("#current-step")).to_contain_text("Thẩm định hồ sơ")
    log_out(page)

    # The specialist finds it in their unassigned tab, claims and forwards it
    log_in(page, cast.specialist.username, PASSWORD)
    page.goto("/ho-so/?tab=unassigned")
    expect(page.locator("table.inbox code")).to_have_text([code])
    shoot(page, "dossier-inbox")
    page.get_by_role("link", name=code).click()
    page.get_by_role("button", name="Nhận xử lý").click()
    expect(page.locator("#assignee")).to_have_text("Lý Văn Tài")
    page.get_by_role("button", name="Chuyển xử lý").click()
    expect(page.locator("#current-step")).to_contain_text("Lãnh đạo ký duyệt")
    log_out(page)

    # The commune leader approves
    log_in(page, desk.commune_leader.username, PASSWORD)
    page.goto(dossier_url)
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.locator("#current-step")).to_contain_text("Trả kết quả")
    log_out(page)

    # Reception records the signed result and hands it over at the desk
    log_in(page, cast.reception.username, PASSWORD)
    page.goto(dossier_url)
    page.get_by_label("Số kết quả").fill("125/2026")
    page.get_by_label("Người ký").fill("Trương Công Danh")
    page.get_by_role("button", name="Ghi nhận kết quả").click()
    expect(page.locator("#status")).to_have_text("Đã xử lý xong")
    expect(page.get_by_label("Người nhận kết quả")).to_have_value("Trần Văn An")
    page.get_by_role("button", name="Trả kết quả").click()
    expect(page.locator("#status")).to_have_text("Đã trả kết quả")
    expect(page.locator("#handovers tbody tr")).to_have_count(5)
    shoot(page, "dossier-detail")

    # The citizen's tracking page shows the steps
    secret = Dossier.objects.get(code=code).tracking_secret
    page.goto(f"/tra-cuu/?ma={code}&bi_mat={secret}")
    expect(page.locator(".tracking-result .status")).to_contain_text("Đã trả kết quả")
    expect(page.locator(".history .step-name")).to_have_text(
        ["Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "Lãnh đạo ký duyệt", "Trả kết quả"]
    )
