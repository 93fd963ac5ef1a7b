"""A scanned Vietnamese page is OCRed in the background, then found by its words."""

from __future__ import annotations

import pytest
from django.test import override_settings

from egov.conftest import Cast, Province
from egov.office.documents.models import IncomingDocument
from egov.office.documents.services.incoming import register_incoming
from egov.office.documents.tests.conftest import arrival
from egov.office.search.models import SearchEntry, TextStatus
from egov.office.search.selectors import Criteria, search_incoming
from egov.platform.conversion.tests.conftest import require_tool
from egov.platform.conversion.tests.documents import scanned_page
from egov.platform.conversion.tools import ocr_available
from egov.platform.jobs.worker import run_due

from .conftest import scan_pdf

pytestmark = pytest.mark.usefixtures("office")

LINES = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH", "Về việc tổ chức tiếp công dân"]


def _scan(cast: Cast, province: Province) -> SearchEntry:
    document = register_incoming(
        actor=cast.clerk,
        body=province.province,
        arrival=arrival(notation="30/UBND-VP", summary="Văn bản gửi kèm bản quét"),
        file=scan_pdf(scanned_page(LINES)),
    )
    return SearchEntry.objects.get(object_id=document.pk)


def _found(cast: Cast, text: str) -> list[str]:
    return [d.notation for d in search_incoming(cast.clerk, Criteria(text=text)).documents]


def test_a_scan_is_ocred_and_then_found_without_diacritics(cast: Cast, province: Province) -> None:
    require_tool(ocr_available(), "ocrmypdf tesseract-ocr-vie")
    entry = _scan(cast, province)
    assert _found(cast, "tiep cong dan") == []
    assert [outcome.status for outcome in run_due()] == ["done"]
    entry.refresh_from_db()
    assert (entry.text_status, entry.files_done, entry.files_total, entry.error) == (
        TextStatus.DONE,
        1,
        1,
        "",
    )
    assert " ".join(entry.content.split()) == " ".join(LINES)
    assert _found(cast, "tiep cong dan") == ["30/UBND-VP"]
    assert _found(cast, "Tây Ninh tổ chức") == ["30/UBND-VP"]


def test_without_ocr_the_scan_waits_and_its_metadata_is_still_found(
    cast: Cast, province: Province
) -> None:
    with override_settings(EGOV_OCRMYPDF="/nonexistent/ocrmypdf"):
        entry = _scan(cast, province)
        run_due()
    entry.refresh_from_db()
    assert (entry.text_status, entry.content, entry.files_done) == (TextStatus.NO_OCR, "", 1)
    assert entry.progress_label == "Chưa có công cụ nhận dạng chữ (OCR)"
    assert _found(cast, "tiep cong dan") == []
    assert _found(cast, "ban quet") == ["30/UBND-VP"]


def test_a_missing_file_is_reported_not_retried(cast: Cast, province: Province) -> None:
    entry = _scan(cast, province)
    document = IncomingDocument.objects.get(pk=entry.object_id)
    document.file.storage.delete(document.file.name)
    assert [outcome.status for outcome in run_due()] == ["done"]
    entry.refresh_from_db()
    assert (entry.text_status, entry.error) == (TextStatus.FAILED, "Không mở được tệp đã lưu.")
    assert _found(cast, "ban quet") == ["30/UBND-VP"]
