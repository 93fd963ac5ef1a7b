"""The demo birth-registration form in a real browser, at desktop and phone widths.

Served by a throwaway page (browser_urls.py) on live_server; see
egov/platform/web/tests/conftest.py for how Chromium runs.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import Province
from egov.onestop.eforms.demo_forms import load_demo_forms
from egov.onestop.procedures.importers import load_demo_catalogue
from egov.platform.web.tests.conftest import ARTIFACTS, CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import PHONE, too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.urls("egov.onestop.eforms.tests.browser_urls"),
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo_forms(transactional_db: None, province: Province) -> Province:
    load_demo_catalogue()
    load_demo_forms()
    return province


def settle(page: Page) -> None:
    # Two frames after a resize, so a full-page screenshot is not half-painted.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def shoot(page: Page, name: str) -> None:
    """A desktop and a phone screenshot; the phone one must not scroll sideways."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    settle(page)
    page.screenshot(path=str(ARTIFACTS / f"eforms-{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / f"eforms-{name}-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide: {too_wide(page, PHONE['width'])}"


def test_birth_registration_form_is_usable_on_desktop_and_phone(
    demo_forms: Province, page: Page
) -> None:
    # Given the birth-registration form, prefilled from the citizen's profile
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    page.goto("/__eforms__/1.001193/")
    expect(page.get_by_role("group", name="Người được khai sinh")).to_be_visible()
    expect(page.get_by_label("Họ, chữ đệm, tên người yêu cầu")).to_have_value("Trần Văn An")
    shoot(page, "birth-empty")

    # When the citizen fills part of it on a phone, with a wrong ID number, and submits
    page.set_viewport_size(PHONE)
    page.get_by_label("Số định danh cá nhân").first.fill("07209000123")
    child = page.get_by_role("group", name="Người được khai sinh")
    child.get_by_label("Họ, chữ đệm, tên").fill("Trần Gia Bảo")
    child.get_by_role("radio", name="Nam").check()
    child.get_by_label("Ngày, tháng, năm sinh").fill("02/11/2026")
    page.get_by_label("Xã, phường, đặc khu nơi cư trú").select_option(label="Phường Long An")
    page.get_by_role("button", name="Nộp hồ sơ").click()

    # Then the summary lists the problems in Vietnamese and links to the fields
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        "Người yêu cầu – Số định danh cá nhân: Số định danh cá nhân gồm đúng 12 chữ số."
    )
    expect(summary).to_contain_text("Mẹ – Họ, chữ đệm, tên: Trường này là bắt buộc.")
    expect(summary).to_contain_text(
        "Đề nghị và cam đoan: Vui lòng đánh dấu lời cam đoan trước khi nộp hồ sơ."
    )
    id_number = page.get_by_label("Số định danh cá nhân").first
    expect(id_number).to_have_attribute("aria-invalid", "true")
    expect(id_number).to_have_accessible_description(
        "Lỗi: Số định danh cá nhân gồm đúng 12 chữ số."
    )
    # and what was typed is kept
    expect(child.get_by_label("Họ, chữ đệm, tên")).to_have_value("Trần Gia Bảo")
    expect(child.get_by_role("radio", name="Nam")).to_be_checked()
    summary.get_by_role(
        "link", name="Người được khai sinh – Nơi sinh: Trường này là bắt buộc."
    ).click()
    expect(child.get_by_label("Nơi sinh")).to_be_focused()
    shoot(page, "birth-errors")

    # When the rest is filled in correctly
    page.set_viewport_size(PHONE)
    page.get_by_label("Số định danh cá nhân").first.fill("072090001234")
    page.get_by_label("Quan hệ với người được khai sinh").select_option(label="Cha")
    child.get_by_label("Nơi sinh").fill("Bệnh viện Đa khoa tỉnh Tây Ninh")
    child.get_by_label("Quê quán").fill("Phường Long An, tỉnh Tây Ninh")
    mother = page.get_by_role("group", name="Mẹ", exact=True)
    mother.get_by_label("Họ, chữ đệm, tên").fill("Nguyễn Thị Mai")
    mother.get_by_label("Ngày, tháng, năm sinh").fill("1994-06-15")
    mother.get_by_label("Nơi cư trú").fill("Số 12, đường 30/4, khu phố 1, phường Long An")
    page.get_by_label("Tôi cam đoan").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()

    # Then the form is accepted
    expect(page.get_by_role("status")).to_have_text("Tờ khai hợp lệ.")
    expect(page.get_by_role("alert")).to_have_count(0)
