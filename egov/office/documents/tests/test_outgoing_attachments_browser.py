"""The attachments in Chromium: the drafter uploads them with a version, the
leader signs, the clerk issues and sees each attachment sealed."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Page, expect

from egov.conftest import PASSWORD
from egov.office.documents.models import OutgoingAttachment
from egov.office.documents.services.outgoing import create_draft, send_outgoing
from egov.office.documents.tests.conftest import PDF
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    SUMMARY,
    draft,
    drafting_fixture,
)
from egov.office.documents.tests.signing_fixtures import (  # noqa: F401 - the fixtures
    Signing,
    decision_upload,
    signing_fixture,
    test_pki_fixture,
)
from egov.platform.signatures.config import signature_config
from egov.platform.signatures.tests.documents import decision_with_fields
from egov.platform.signatures.validation import Verdict, validate_pdf
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


def _file(name: str, data: bytes) -> FilePayload:
    return FilePayload(name=name, mimeType="application/pdf", buffer=data)


def test_attachments_are_uploaded_signed_and_sealed_in_the_browser(
    signing: Signing, page: Page, tmp_path: Path
) -> None:
    d = signing.drafting
    document = create_draft(
        actor=d.drafter,
        draft=draft(d, reviewer=None, signature_required=True),
        file=decision_upload(),
    )

    _as(page, d.drafter.username)
    page.goto(f"/van-ban/di/{document.pk}/")
    page.locator("#id_file").set_input_files(_file("du-thao.pdf", decision_with_fields()))
    page.locator("#id_attachments").set_input_files(
        [_file("Phụ lục I.pdf", PDF), _file("Phụ lục II.pdf", PDF)]
    )
    page.get_by_role("button", name="Tải lên phiên bản mới").click()
    expect(page.get_by_text("Đã tải lên phiên bản mới.")).to_be_visible()
    expect(page.get_by_role("link", name="Phụ lục II.pdf")).to_be_visible()
    send_outgoing(actor=d.drafter, document=document)

    _as(page, d.cast.leader.username)
    page.goto(f"/van-ban/di/{document.pk}/")
    page.get_by_label("Ý kiến").fill("Đồng ý ban hành")
    page.get_by_role("button", name="Ký số và duyệt").click()
    (tid,) = signing.sandbox.sandbox.transactions
    signing.sandbox.sandbox.confirm(tid)
    page.get_by_role("button", name="Kiểm tra xác nhận ký số").click()
    expect(page.get_by_text("Đã ký số và duyệt văn bản.")).to_be_visible()

    _as(page, d.cast.clerk.username)
    page.goto("/van-ban/di/cho-phat-hanh/")
    page.get_by_role("link", name=SUMMARY).click()
    page.get_by_role("button", name="Cấp số và phát hành").click()
    expect(page.locator("#status")).to_have_text("Đã phát hành")
    expect(page.locator("#notation")).to_contain_text("01/QĐ-UBND")
    expect(page.locator("#versions .tag", has_text="Đã ký số của cơ quan")).to_have_count(2)
    shots = Path(os.environ.get("EGOV_SCREENSHOTS", str(tmp_path)))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "outgoing-attachments-issued.png"), full_page=True)

    sealed = list(OutgoingAttachment.objects.filter(sealed=True).order_by("position"))
    assert [(a.version.number, a.position, a.name) for a in sealed] == [
        (4, 1, "Phụ lục I.pdf"),
        (4, 2, "Phụ lục II.pdf"),
    ]
    config = signature_config()
    assert config is not None
    # The latest version is listed first: its copy is the sealed one.
    href = page.get_by_role("link", name="Phụ lục I.pdf").first.get_attribute("href")
    assert href == f"/van-ban/di/{document.pk}/tep/4/phu-luc/1/"
    first = page.request.get(href).body()
    # Playwright's event loop runs in this thread; pyHanko's validator runs its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        [report] = pool.submit(validate_pdf, first, config).result()
    assert (report.field_name, report.verdict) == ("CoQuanVanBanKemTheo", Verdict.VALID)
