"""Issue 12's browser test: the leader approves and signs a draft, the clerk
numbers and issues it, and the issued PDF carries both signatures with the
seal over the left third of the leader's image."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import pytest
from playwright.sync_api import Page, expect
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.conftest import PASSWORD
from egov.office.documents.models import OutgoingDocument
from egov.office.documents.services.outgoing import latest_version
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    SUMMARY,
    drafting_fixture,
)
from egov.office.documents.tests.signing_fixtures import (  # noqa: F401 - the fixtures
    LEADER_BOX,
    Signing,
    signing_fixture,
    submitted_for_signature,
    test_pki_fixture,
)
from egov.platform.signatures.config import signature_config
from egov.platform.signatures.placeholders import Box, seal_box
from egov.platform.signatures.tests.images import signature_png
from egov.platform.signatures.validation import Modification, Verdict, validate_pdf
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


def test_the_leader_signs_and_the_clerk_issues_in_the_browser(signing: Signing, page: Page) -> None:
    d = signing.drafting
    document = submitted_for_signature(d)

    _as(page, d.cast.leader.username)
    page.goto(f"/van-ban/di/{document.pk}/")
    page.get_by_label("Ý kiến").fill("Đồng ý ban hành")
    page.get_by_role("button", name="Ký số và duyệt").click()
    expect(page.get_by_text("Đã gửi yêu cầu ký số đến điện thoại của bạn.")).to_be_visible()
    expect(page.locator("#status")).to_have_text("Trình ký")
    # The leader confirms on their phone.
    (tid,) = signing.sandbox.sandbox.transactions
    signing.sandbox.sandbox.confirm(tid)
    page.get_by_role("button", name="Kiểm tra xác nhận ký số").click()
    expect(page.get_by_text("Đã ký số và duyệt văn bản.")).to_be_visible()
    expect(page.locator("#status")).to_have_text("Đã duyệt, chờ phát hành")

    _as(page, d.cast.clerk.username)
    page.goto("/van-ban/di/cho-phat-hanh/")
    page.get_by_role("link", name=SUMMARY).click()
    page.get_by_role("button", name="Cấp số và phát hành").click()
    expect(page.locator("#status")).to_have_text("Đã phát hành")
    expect(page.locator("#notation")).to_contain_text("01/QĐ-UBND")

    document = OutgoingDocument.objects.get()
    version = latest_version(document)
    assert version is not None
    with version.file.open("rb") as handle:
        issued = handle.read()
    config = signature_config()
    assert config is not None
    # Playwright's event loop runs in this thread; pyHanko's validator runs its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        reports = pool.submit(validate_pdf, issued, config).result()
    assert [
        (r.field_name, r.intact, r.trusted, r.modification, r.changes_permitted, r.verdict)
        for r in reports
    ] == [
        ("LanhDao", True, True, Modification.FORM_FILLING, True, Verdict.VALID),
        ("CoQuan", True, True, Modification.NONE, True, Verdict.VALID),
    ]
    _page, x1, y1, x2, y2 = LEADER_BOX
    seal = seal_box(Box(page=0, x1=x1, y1=y1, x2=x2, y2=y2), signature_png())
    rects = {
        str(f.get_object()["/T"]): [round(float(n)) for n in f.get_object()["/Rect"]]
        for f in PdfFileReader(BytesIO(issued)).root["/AcroForm"]["/Fields"]
        if f.get_object().get("/FT") == "/Sig"
    }
    # The leader's image is 180 pt wide from x 330: the seal's right edge is at
    # 390, a third into it.
    assert rects == {"LanhDao": [330, 90, 530, 190], "CoQuan": [140, 104, 390, 204]}
    assert (seal.x1, seal.y1, seal.x2, seal.y2) == (140, 104, 390, 204)
