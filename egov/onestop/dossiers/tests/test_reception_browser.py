"""The reception form in a real browser (issue 17 items 3 and 7).

Every error at once in a summary that takes the keyboard focus, the scan
kept across the refused submit, then "Lưu và in phiếu" opening the receipt
in a new tab. See egov/platform/web/tests/conftest.py for how Chromium runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Page, Route, expect
from pytest_django.fixtures import Settings

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.dossiers.models import Dossier, ReceptionDraftScan
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.dossiers.tests.samples import PDF
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_errors_at_once_then_the_kept_scan_and_the_receipt_in_a_new_tab(
    province: Province, cast: Cast, desk: Desk, page: Page
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, cast.reception.username, PASSWORD)
    page.goto(f"/ho-so/tiep-nhan/?don_vi={province.long_an_centre.pk}")
    page.get_by_label("Thủ tục").select_option(label="Thủ tục đăng ký khai sinh (1.001193)")
    expect(page.get_by_label("Cơ quan giải quyết")).to_have_value(str(province.long_an.pk))
    # Given a form with the declaration's scan, one paper ticked, no name and a bad phone
    page.get_by_role("checkbox", name="Tờ khai đăng ký khai sinh").check()
    scan: FilePayload = {"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": PDF}
    page.set_input_files(f"#scan_{desk.documents[0].pk}", files=[scan])
    page.get_by_label("Điện thoại").fill("12")

    # When it is saved
    page.get_by_role("button", name="Lưu và in phiếu").click()

    # Then one summary lists the three problems and holds the keyboard focus
    summary = page.get_by_role("alert").filter(has_text="Vui lòng kiểm tra lại 3 mục")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Họ tên/tên tổ chức: Cần nhập họ tên người nộp hồ sơ.",
            "Điện thoại: Số điện thoại không đúng (ví dụ 0912345678).",
            "Giấy tờ đã nhận: Còn thiếu giấy tờ bắt buộc: Giấy chứng sinh.",
        ]
    )
    # and its first link leads to the name's box
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Họ tên/tên tổ chức")).to_be_focused()
    # and the scan is kept, not asked for again
    expect(page.get_by_text("Đã giữ bản quét: to-khai.pdf")).to_be_visible()

    # When the officer fixes the three and saves again
    slips: list[tuple[str, int, str]] = []

    def receipt(route: Route) -> None:
        # The real PDF is fetched and checked; the tab is shown a page, since
        # headless Chromium would download a PDF instead of showing it.
        answer = route.fetch()
        slips.append((route.request.url, answer.status, answer.headers["content-type"]))
        route.fulfill(status=200, content_type="text/html", body="<p>Phiếu tiếp nhận</p>")

    page.context.route(re.compile(r"/in/ho-so/\d+/mau-\d\d\.pdf$"), receipt)
    page.get_by_label("Họ tên/tên tổ chức").fill("Trần Văn An")
    page.get_by_label("Điện thoại").fill("0912345678")
    page.get_by_role("checkbox", name="Giấy chứng sinh").check()
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Lưu và in phiếu").click()

    # Then the dossier's page is shown and the receipt opens in a new tab
    popup = opened.value
    popup.wait_for_load_state()
    dossier = Dossier.objects.get()
    expect(page).to_have_url(re.compile(rf"/ho-so/{dossier.pk}/$"))
    assert popup.url.endswith(f"/in/ho-so/{dossier.pk}/mau-01.pdf")
    assert [(url.rsplit("/in/", 1)[1], status, kind) for url, status, kind in slips] == [
        (f"ho-so/{dossier.pk}/mau-01.pdf", 200, "application/pdf")
    ]
    expect(page.get_by_role("link", name="In phiếu (mẫu 01)")).to_be_visible()
    # and the kept scan is the dossier's now
    assert dossier.documents.order_by("pk")[0].scan.read() == PDF
    assert ReceptionDraftScan.objects.count() == 0
