"""A paid dossier in a real browser (issue 17, item 6): the citizen's and the staff's pages.

The citizen paid on the third attempt, having cancelled the first at the
bank and left the second: each attempt says what became of it. The
specialist sees the fee paid and is not offered to ask for it again.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, Cast
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tests.test_browser_path import DESKTOP, log_out, shoot
from egov.onestop.payments.models import Payment
from egov.onestop.payments.tests.test_paid_dossier import paid as paid  # noqa: F401 - fixture
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def test_citizen_and_staff_see_the_fee_paid(paid: Dossier, cast: Cast, page: Page) -> None:
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    txn_ref = Payment.objects.get(status="paid").txn_ref

    # When the citizen opens their dossier
    log_in(page, cast.citizen.username, PASSWORD)
    page.goto(f"/dich-vu-cong/ho-so/{paid.pk}/")
    # Then the attempts read paid, not completed, cancelled; none is "waiting"
    expect(page.locator(".pay-lines .pay-status")).to_have_text(
        ["Đã thanh toán", "Không hoàn tất", "Đã hủy"]
    )
    expect(page.locator(".payment-summary")).not_to_contain_text("Đang chờ thanh toán")
    shoot(page, "payment-citizen")
    log_out(page)

    # When the specialist opens the dossier
    log_in(page, cast.specialist.username, PASSWORD)
    page.goto(f"/ho-so/{paid.pk}/")
    # Then a card says the fee is paid: amount, date, channel, reference
    card = page.locator("#payment-paid-card")
    expect(card.get_by_role("heading")).to_have_text("Đã nộp phí, lệ phí")
    expect(card).to_contain_text("8.000 đồng")
    expect(card).to_contain_text("09:00 03/03/2026")
    expect(card).to_contain_text("Trực tuyến qua cổng thanh toán thử nghiệm")
    expect(card).to_contain_text(txn_ref)
    # and asking for fees is not offered
    expect(page.get_by_text(re.compile("Yêu cầu nộp phí, thuế"))).to_have_count(0)
    shoot(page, "payment-staff")
