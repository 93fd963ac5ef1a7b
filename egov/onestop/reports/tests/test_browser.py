"""The dashboard and the public page in Chromium, on a desktop and a 390px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.dossiers.models import Channel, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.reports.tests.conftest import MakeDossier, at
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


@pytest.fixture
def months(province: Province, cast: Cast, desk: Desk, make: MakeDossier) -> None:
    """January to mid-April 2026: a few dozen dossiers, most on time."""
    for month, count in ((1, 9), (2, 6), (3, 12), (4, 5)):
        for i in range(count):
            day = 2 + (i * 2) % 14
            received = at(month, day, 8 + i % 3)
            deadline = at(month, day + 7, 8 + i % 3)
            channel = (Channel.DIRECT, Channel.ONLINE, Channel.ONLINE, Channel.POSTAL)[i % 4]
            if month == 4 and i < 3:
                make(received, deadline, channel=channel, assignee=cast.specialist)
            elif i % 5 == 4:
                make(received, deadline, at(month, day + 9), channel=channel)  # late
            else:
                make(
                    received,
                    deadline,
                    at(month, day + 3),
                    channel=channel,
                    status=DossierStatus.RETURNED,
                    returned_at=at(month, day + 4),
                )


def _check_phone(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    expect(page.locator("svg.chart.trend.compact")).to_be_visible()
    expect(page.locator("svg.chart.trend.wide")).to_be_hidden()
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide: {too_wide(page, PHONE['width'])}"
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})


def test_leader_dashboard_in_the_browser(
    province: Province, cast: Cast, desk: Desk, months: None, page: Page
) -> None:
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    # The data is in 2026 and the test runs on any later day: the period is given.
    log_in(page, desk.commune_leader.username, PASSWORD)
    page.goto("/thong-ke/?tu=2026-01-01&den=2026-04-28")

    expect(page.get_by_role("heading", name="Thống kê, báo cáo")).to_be_visible()
    expect(page.locator("svg.chart.trend.wide")).to_be_visible()
    # Early and late bars in each of the four months.
    expect(page.locator("svg.chart.trend.wide rect")).to_have_count(8)
    expect(page.get_by_role("heading", name="Hồ sơ đang quá hạn cần đôn đốc")).to_be_visible()
    expect(page.get_by_text("CHƯA ĐƯỢC ĐỐI CHIẾU")).to_be_visible()
    _check_phone(page, "reports-dashboard")


def test_public_statistics_in_the_browser(
    province: Province, desk: Desk, months: None, page: Page
) -> None:
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    page.goto("/thong-ke/cong-khai/?nam=2026")

    expect(
        page.get_by_role("heading", name="Công khai kết quả giải quyết thủ tục hành chính")
    ).to_be_visible()
    expect(page.locator("svg.chart.trend.wide")).to_be_visible()
    expect(page.get_by_role("heading", name="Kết quả theo cơ quan, đơn vị")).to_be_visible()
    _check_phone(page, "reports-public")
