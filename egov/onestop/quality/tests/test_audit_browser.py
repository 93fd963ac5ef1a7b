"""Issue 19, item 3 in Chromium: a commune plans an internal audit, its auditor
answers the checklist and records a nonconformity, which opens for correction."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.quality.audits.models import Audit, Nonconformity
from egov.onestop.quality.models import Edition
from egov.onestop.quality.services import approve_edition
from egov.platform.accounts.models import User
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # the Playwright fixture
from egov.platform.web.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def test_an_audit_planned_and_a_nonconformity_recorded_in_the_browser(
    cast: Cast, province: Province, edition: Edition, auditor: User, page: Page
) -> None:
    approve_edition(actor=cast.leader, edition=edition)
    log_in(page, cast.admin.username, PASSWORD)
    page.goto("/chat-luong/")
    page.get_by_role("link", name="Đánh giá nội bộ").click()
    page.get_by_label("Năm").fill("2026")
    page.get_by_role("button", name="Lập chương trình").click()
    expect(page.get_by_role("heading", name="Chương trình đánh giá năm 2026")).to_be_visible()
    page.get_by_label("Ngày đánh giá").fill("2026-06-10")
    page.get_by_label("QT-1.001193 Đăng ký khai sinh").check()
    page.get_by_label("Trương Thị Kim").check()
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.get_by_role("heading", name="Đánh giá nội bộ ngày 10/06/2026")).to_be_visible()
    expect(page.locator("table").nth(1).locator("tbody tr")).to_have_count(4)

    page.context.clear_cookies()
    log_in(page, auditor.username, PASSWORD)
    audit = Audit.objects.get()
    page.goto(f"/chat-luong/danh-gia/{audit.pk}/")
    first = page.locator("table").nth(1).locator("tbody tr").first
    first.get_by_label("Kết quả").select_option(label="Không phù hợp")
    first.get_by_label("Bằng chứng").fill("2 hồ sơ chậm")
    first.get_by_role("button", name="Ghi").click()
    page.get_by_label("Câu hỏi kiểm tra (số thứ tự, nếu có)").fill("1")
    page.get_by_label("Mô tả").fill("Bước thẩm định vượt thời gian")
    page.get_by_role("button", name="Ghi nhận phát hiện").click()

    expect(page.get_by_role("link", name="Mới phát hiện")).to_be_visible()
    row = Nonconformity.objects.select_related("finding").get()
    assert (row.status, row.finding.clause, row.finding.description) == (
        "open",
        "8.5.1",
        "Bước thẩm định vượt thời gian",
    )
