"""Issue 13's browser tests, in Chromium: the province's clerk issues a document to
Phường Long An through the exchange; Long An's clerk registers it, its leader
assigns it; the province's page shows 01, 03 and 04 for Long An. Then a recall
accepted by Long An's clerk, and the directory page of the administrator.

Both agencies are units of the test deployment, so the message goes by the local
transport; the worker's rounds run between the steps (delivery_fixtures.pump).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from egov.conftest import PASSWORD, make_staff
from egov.office.documents.models import IncomingDocument, IncomingStatus, Relation
from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    Drafting,
    approved,
    drafting_fixture,
)
from egov.office.exchange import intake
from egov.office.exchange.models import OutsideAgency, ReceivedDocument, ReceivedState
from egov.office.exchange.tests.delivery_fixtures import LONG_AN, issued_to, pump
from egov.platform.accounts.models import Role
from egov.platform.web.tests.conftest import CHROMIUM, browser_required
from egov.platform.web.tests.conftest import page as page  # noqa: F401 - the Playwright fixture
from egov.platform.web.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not browser_required(), reason=f"{CHROMIUM} is missing"
    ),
]


def _as(page: Page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)


def test_issued_registered_assigned_and_the_sender_sees_01_03_04(
    drafting: Drafting, page: Page
) -> None:
    d = drafting
    document = approved(d, internal_units=[], external_names=[], exchange_agencies=[LONG_AN])
    _as(page, d.cast.clerk.username)
    page.goto(f"/van-ban/di/{document.pk}/")
    page.locator("#issue").get_by_role("button", name="Cấp số và phát hành").click()
    expect(page.locator("#notation")).to_be_visible()
    document.refresh_from_db()
    pump()

    _as(page, d.long_an_clerk.username)
    page.goto("/van-ban/lien-thong/")
    page.get_by_role("link", name=document.notation).click()
    expect(page.locator("#state")).to_have_text("Chờ vào sổ")
    page.locator("#register").get_by_role("button", name="Vào sổ").click()
    expect(page.get_by_text("Đã vào sổ văn bản đến, số đến 1.")).to_be_visible()
    received = ReceivedDocument.objects.get()
    assert received.state == ReceivedState.REGISTERED

    _as(page, d.long_an_leader.username)
    page.goto("/van-ban/den/cho-phan-cong/")
    page.get_by_role("link", name=document.notation).first.click()
    assign = page.locator("#assign")
    assign.get_by_label("Đơn vị chủ trì").select_option(value=str(d.office.long_an_centre.pk))
    assign.get_by_role("button", name="Phân công").click()
    expect(page.get_by_text("Đã phân công xử lý văn bản.")).to_be_visible()
    assert IncomingDocument.objects.get(body=d.office.long_an).status == IncomingStatus.IN_PROGRESS
    pump()

    _as(page, d.cast.clerk.username)
    page.goto(f"/van-ban/di/{document.pk}/")
    timeline = page.locator(f"#exchange-timeline ol[data-organ='{LONG_AN}'] li")
    expect(timeline).to_have_count(3)
    assert [timeline.nth(i).get_attribute("data-code") for i in range(3)] == ["01", "03", "04"]
    expect(timeline.nth(0)).to_contain_text("01 Đã đến")
    expect(timeline.nth(1)).to_contain_text("03 Đã vào sổ")
    expect(timeline.nth(2)).to_contain_text("04 Đã phân công")


def test_the_clerk_accepts_a_recall_and_the_document_is_withdrawn(
    drafting: Drafting, page: Page
) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    pump()
    received = ReceivedDocument.objects.get()
    incoming = intake.register_received(actor=d.long_an_clerk, received=received)
    issued_to(d, LONG_AN, relation=Relation.RECALL, related=document)
    pump()

    _as(page, d.long_an_clerk.username)
    page.goto(f"/van-ban/lien-thong/{received.pk}/")
    recall = page.locator("#recall")
    expect(recall).to_contain_text("Bên gửi đề nghị thu hồi")
    recall.get_by_role("button", name="Đồng ý thu hồi").click()
    expect(page.get_by_text("Đã trả lời đề nghị thu hồi và báo lại cơ quan gửi.")).to_be_visible()
    expect(page.locator("#recall")).to_contain_text("Đã đồng ý thu hồi")
    page.get_by_role("link", name=f"số đến {incoming.arrival_number}").click()
    expect(page.locator(f".tag.doc-{IncomingStatus.WITHDRAWN}")).to_have_text("Đã thu hồi")
    pump()

    _as(page, d.cast.clerk.username)
    page.goto(f"/van-ban/di/{document.pk}/")
    timeline = page.locator(f"#exchange-timeline ol[data-organ='{LONG_AN}'] li")
    expect(timeline).to_have_count(3)
    expect(timeline.nth(2)).to_contain_text("15 Đồng ý thu hồi, cập nhật")
    page.goto("/van-ban/thong-ke/")
    expect(page.locator("#exchange-times")).to_contain_text("01 Đã đến")


def test_the_administrator_adds_an_agency_to_the_directory(drafting: Drafting, page: Page) -> None:
    admin = make_staff(
        "quantri.tinh", "Trương Quốc Bảo", (drafting.office.province, Role.ADMINISTRATOR)
    )
    _as(page, admin.username)
    page.goto("/van-ban/lien-thong/danh-ba/")
    form = page.locator("#agency-form")
    form.get_by_label("Mã định danh").fill("G22")
    form.get_by_label("Tên cơ quan").fill("Văn phòng Chính phủ")
    form.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert")).to_contain_text("không đúng dạng")
    form.get_by_label("Mã định danh").fill("000.00.00.G22")
    form.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu Văn phòng Chính phủ (000.00.00.G22).")).to_be_visible()
    expect(page.locator("#outside")).to_contain_text("000.00.00.G22")
    assert OutsideAgency.objects.get().name == "Văn phòng Chính phủ"
