"""The head of Sở Tư pháp finds the dossier waiting for her and approves it (issue 17, item 2).

On the demo province, as `truongphong` (Lãnh đạo phòng, Sở Tư pháp): the
standard process's approval step belongs to the leader's role, which a head
over the unit also holds the right to act on; the default tab, "Cần xử lý",
lists it. See egov/platform/web/tests/conftest.py for how Chromium runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.services import Applicant, claim, move_on, receive_dossier
from egov.onestop.dossiers.tests.test_browser_path import DESKTOP, shoot
from egov.onestop.procedures.models import Process
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import log_in
from egov.tools.demo.data import DEMO_PASSWORD
from egov.tools.demo.loader import load_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def _waiting_for_the_head() -> Dossier:
    """Received at the provincial centre, examined by the specialist, sent up for approval."""
    load_demo(reference_dir=Path(settings.REFERENCE_DIR))
    stp = Unit.objects.get(name="Sở Tư pháp")
    process = Process.objects.filter(agency=stp, is_active=True).order_by("pk").first()
    assert process is not None
    procedure = process.procedure
    reception = User.objects.get(username="tiepnhan")
    specialist = User.objects.get(username="chuyenvien")
    dossier = receive_dossier(
        actor=reception,
        receiving_unit=Unit.objects.get(name="Trung tâm Phục vụ hành chính công tỉnh Tây Ninh"),
        procedure=procedure,
        agency=stp,
        applicant=Applicant(name="Nguyễn Văn Bình", id_number="072090009876"),
        outcome="accept",
        received_document_ids=[d.pk for d in procedure.documents.filter(required=True)],
    )
    dossier = move_on(actor=reception, dossier=dossier, action="forward")
    dossier = claim(actor=specialist, dossier=dossier)
    return move_on(actor=specialist, dossier=dossier, action="forward")


def test_the_head_sees_the_dossier_in_her_default_tab_and_approves_it(page: Page) -> None:
    # Given a dossier at the approval step of Sở Tư pháp
    dossier = _waiting_for_the_head()
    code = str(dossier.code)
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})

    # When the head of the department logs in and opens her dossiers
    log_in(page, "truongphong", DEMO_PASSWORD)
    page.goto("/ho-so/")

    # Then the default tab is "Cần xử lý" and lists it, with its step
    expect(page.locator("nav.tabs [aria-current=page]")).to_have_text("Cần xử lý")
    expect(page.locator("table.inbox code")).to_have_text([code])
    expect(page.locator("table.inbox")).to_contain_text("Lãnh đạo phê duyệt")
    shoot(page, "head-inbox")
    # and a search by its exact code finds it too
    page.get_by_label("Tìm kiếm").fill(code)
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator("table.inbox code")).to_have_text([code])

    # When she opens it and approves
    page.get_by_role("link", name=code).click()
    page.wait_for_url(re.compile(rf"/ho-so/{dossier.pk}/$"))
    page.get_by_role("button", name="Phê duyệt").click()

    # Then it moves to the return of the result, and leaves her tab
    expect(page.locator("#current-step")).to_contain_text("Trả kết quả")
    shoot(page, "head-approved")
    moved = Dossier.objects.filter(pk=dossier.pk).values_list("status", "current_step__name")
    assert list(moved) == [(DossierStatus.PROCESSING, "Trả kết quả")]
    page.goto("/ho-so/")
    expect(page.locator("#inbox-list")).to_contain_text("Không có hồ sơ nào.")
