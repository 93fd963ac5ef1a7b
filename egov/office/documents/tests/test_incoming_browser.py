"""An incoming document from arrival to completed handling, in Chromium.

The clerk registers a paper letter, the leader assigns it to Sở Tư pháp on a
390px phone, the head forwards it to a specialist, who completes it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD
from egov.office.documents.models import (
    DocumentType,
    HolderStatus,
    IncomingDocument,
    IncomingStatus,
)
from egov.office.documents.tests.conftest import PDF
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    Drafting,
    drafting_fixture,
)
from egov.platform.audit.models import AuditEvent
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import PHONE, log_in, too_wide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

SUMMARY = "Về việc hướng dẫn đăng ký khai sinh trực tuyến liên thông"


def _as(page: Page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)


def test_a_letter_from_arrival_to_completed_handling(drafting: Drafting, page: Page) -> None:
    d = drafting
    yesterday = timezone.localdate() - timedelta(days=1)
    _as(page, d.cast.clerk.username)
    page.goto("/van-ban/den/vao-so/")
    page.get_by_label("Bản giấy").check()
    page.get_by_label("Ngày giờ đến").fill(f"{yesterday.isoformat()}T08:30")
    page.get_by_label("Cơ quan ban hành (tác giả)").fill("Bộ Tư pháp")
    page.get_by_label("Số, ký hiệu").fill("512/BTP-HTQTCT")
    page.get_by_label("Ngày văn bản").fill(yesterday.isoformat())
    letter = DocumentType.objects.get(is_letter=True)
    page.get_by_label("Loại văn bản").select_option(value=str(letter.pk))
    page.get_by_label("Trích yếu nội dung").fill(SUMMARY)
    page.get_by_label("Trình lãnh đạo").select_option(value=str(d.cast.leader.pk))
    page.get_by_label("Tệp văn bản (PDF)").set_input_files(
        {"name": "scan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Vào sổ và trình").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("512/BTP-HTQTCT")
    document = IncomingDocument.objects.get()
    assert (document.arrival_number, document.status) == (1, IncomingStatus.AWAITING_ASSIGNMENT)

    # The leader assigns on the move.
    page.set_viewport_size(PHONE)
    _as(page, d.cast.leader.username)
    page.goto("/van-ban/den/cho-phan-cong/")
    page.get_by_role("link", name="512/BTP-HTQTCT").first.click()
    assign = page.locator("#assign")
    assign.get_by_label("Đơn vị chủ trì").select_option(value=str(d.office.justice.pk))
    assign.get_by_label("Ý kiến chỉ đạo (bút phê)").fill("Giao Sở Tư pháp chủ trì.")
    assign.get_by_label("Hạn xử lý (ngày làm việc)").fill("5")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide: {too_wide(page, PHONE['width'])}"
    assign.get_by_role("button", name="Phân công").click()
    expect(page.get_by_text("Đã phân công xử lý văn bản.")).to_be_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    _as(page, d.cast.head.username)
    page.goto("/van-ban/den/xu-ly/")
    page.get_by_role("link", name="512/BTP-HTQTCT").first.click()
    forward = page.locator("#forward")
    forward.get_by_label("Chuyên viên xử lý").select_option(value=str(d.drafter.pk))
    forward.get_by_label("Ý kiến").fill("Đồng chí Sơn dự thảo hướng dẫn.")
    forward.get_by_role("button", name="Chuyển").click()
    expect(page.get_by_text("Đã chuyển văn bản cho chuyên viên.")).to_be_visible()

    _as(page, d.drafter.username)
    page.goto("/van-ban/den/xu-ly/")
    page.get_by_role("link", name="512/BTP-HTQTCT").first.click()
    page.locator("#act").get_by_role("button", name="Hoàn thành xử lý").click()
    expect(page.get_by_text("Đã ghi nhận.")).to_be_visible()
    expect(page.get_by_text("Đã hoàn thành", exact=True).first).to_be_visible()

    document.refresh_from_db()
    assert document.status == IncomingStatus.COMPLETED
    assert set(document.holders.values_list("status", flat=True)) == {HolderStatus.DONE}
    assert list(
        AuditEvent.objects.filter(event_type__startswith="office.incoming_")
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == [
        "office.incoming_registered",
        "office.incoming_assigned",
        "office.incoming_read",  # the head opened it
        "office.incoming_forwarded",
        "office.incoming_read",  # the specialist opened it
        "office.incoming_complete",
    ]
