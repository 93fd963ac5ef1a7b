"""The notification list in Chromium at a phone's width (390 px).

Screenshots go to test-artifacts/notifications-*.png for a person to look at.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import Page, ViewportSize, expect

from egov.conftest import PASSWORD, Cast
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.services import receive_supplement, request_supplement
from egov.onestop.dossiers.tests.conftest import VN
from egov.platform.accounts.models import User
from egov.platform.notifications.models import Notification
from egov.platform.web.tests.conftest import ARTIFACTS, CHROMIUM, browser_required, page
from egov.platform.web.tests.test_browser import log_in, too_wide

__all__ = ["page"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def notified(online_dossier: Dossier, cast: Cast, applicant: User) -> Dossier:
    """A supplement asked for and brought: two entries for the applicant."""
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        dossier = request_supplement(
            actor=cast.specialist,
            dossier=online_dossier,
            items=["Giấy chứng sinh bản chính", "Tờ khai có chữ ký người đi khai"],
            reason="Bản sao giấy chứng sinh bị mờ, không đọc được số",
        )
    with time_machine.travel(datetime(2026, 3, 3, 14, 0, tzinfo=VN), tick=False):
        return receive_supplement(actor=cast.reception, dossier=dossier)


def test_citizen_reads_notifications_on_a_phone(notified: Dossier, page: Page) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, "congdan", PASSWORD)
    page.goto("/thong-bao/")

    entries = page.locator("li.notification")
    expect(entries).to_have_count(2)
    expect(entries.locator(".notification-title")).to_have_text(
        [
            f"Hồ sơ {notified.code} đã chuyển sang trạng thái «Đang xử lý»",
            f"Hồ sơ {notified.code} đã chuyển sang trạng thái «Yêu cầu bổ sung»",
        ]
    )
    expect(page.locator("li.notification.unread")).to_have_count(2)
    expect(page.locator("#so-chua-doc")).to_have_text("2")
    assert too_wide(page, PHONE["width"]) == []
    page.screenshot(path=str(ARTIFACTS / "notifications-phone.png"), full_page=True)

    # Marking the newest one read swaps just that entry (htmx) and the count
    entries.first.get_by_role("button", name="Đánh dấu đã đọc").click()
    expect(page.locator("li.notification.unread")).to_have_count(1)
    expect(page.locator("#so-chua-doc")).to_have_text("1")
    expect(entries.first.get_by_role("button", name="Đánh dấu đã đọc")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "notifications-phone-read.png"), full_page=True)
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
