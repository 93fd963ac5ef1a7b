"""A denunciation handled end to end in Chromium, its denouncer hidden from an officer not assigned.

Phường Long An's clerk records the letter at the desk; the chairman (head)
classifies, accepts and assigns one investigator; another specialist of the
ward opens it and sees the denouncer masked; the investigator sees who sent
it (the read is logged) and records the findings; the chairman, who never
assigned himself, concludes and closes it without ever seeing the name.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Province
from egov.platform.audit.models import AuditEvent
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import log_in
from egov.voice.complaints.models import Petition, Status
from egov.voice.complaints.tests.conftest import DENOUNCER, DENOUNCER_ID, Office

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def _as(page: Page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)


def test_a_denunciation_end_to_end_with_the_denouncer_hidden(
    province: Province, office: Office, page: Page
) -> None:
    _as(page, office.clerk.username)
    page.goto("/don-thu/vao-so/")
    page.get_by_label("Loại đơn").select_option(value="denunciation")
    page.get_by_label("Họ tên người gửi đơn").fill(DENOUNCER)
    page.get_by_label("Số định danh cá nhân").fill(DENOUNCER_ID)
    page.get_by_label("Người, cơ quan bị khiếu nại/tố cáo").fill("Cán bộ địa chính phường")
    page.get_by_label("Tóm tắt nội dung").fill("Tố cáo cán bộ địa chính đòi tiền")
    page.get_by_label("Nội dung đơn").fill("Cán bộ yêu cầu nộp thêm tiền ngoài lệ phí.")
    page.get_by_label("Cơ quan nhận đơn").select_option(label="Phường Long An")
    page.get_by_role("button", name="Vào sổ").click()
    expect(page.locator("#status")).to_have_text("Mới tiếp nhận")
    # The clerk typed it, but is no handler: masked from now on.
    expect(page.locator("#petitioner")).to_contain_text("[đã ẩn]")
    petition = Petition.objects.get()

    _as(page, office.head.username)
    page.goto("/don-thu/")
    page.get_by_role("link", name=petition.code).click()
    page.get_by_role("button", name="Lưu phân loại").click()
    expect(page.locator("#status")).to_have_text("Đã phân loại")
    page.get_by_role("button", name="Thụ lý").click()
    expect(page.locator("#status")).to_have_text("Đã thụ lý")
    page.get_by_label("Người chủ trì").select_option(label="Đỗ Thị Minh")
    page.get_by_role("button", name="Phân công").click()
    expect(page.locator("#status")).to_have_text("Đang xác minh")
    expect(page.locator("#petitioner")).to_contain_text("[đã ẩn]")

    _as(page, office.other_specialist.username)
    page.goto(f"/don-thu/{petition.pk}/")
    expect(page.locator("#petitioner")).to_contain_text("[đã ẩn]")
    assert DENOUNCER not in page.content()
    assert DENOUNCER_ID not in page.content()
    assert not AuditEvent.objects.filter(event_type="voice.denouncer_identity_read").exists()

    _as(page, office.investigator.username)
    page.goto(f"/don-thu/{petition.pk}/")
    expect(page.locator("#petitioner")).to_contain_text(DENOUNCER)
    page.get_by_label("Nội dung", exact=True).fill("Có căn cứ: đã thu 5 triệu đồng.")
    page.get_by_role("button", name="Ghi kết quả").click()
    reads = AuditEvent.objects.filter(event_type="voice.denouncer_identity_read")
    assert {e.actor_id for e in reads} == {office.investigator.pk}
    assert reads.count() == 2  # the page before and after the findings

    _as(page, office.head.username)
    page.goto(f"/don-thu/{petition.pk}/")
    page.get_by_label("Số", exact=True).fill("7/KL-UBND")
    page.locator("#decision").fill("Tố cáo đúng; kiến nghị xử lý kỷ luật.")
    page.get_by_role("button", name="Ban hành").click()
    expect(page.locator("#status")).to_have_text("Đã có quyết định/kết luận")
    page.get_by_role("button", name="Đóng hồ sơ").click()
    expect(page.locator("#status")).to_have_text("Đã đóng hồ sơ")
    assert DENOUNCER not in page.content()
    petition.refresh_from_db()
    assert (petition.status, petition.decision_number) == (Status.CLOSED, "7/KL-UBND")
