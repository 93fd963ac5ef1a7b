"""OCR of a scanned Vietnamese page with the real ocrmypdf and Tesseract."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from egov.platform.conversion.errors import ConversionError
from egov.platform.conversion.ocr import extract_text, has_text_layer, ocr_pdf
from egov.platform.conversion.tools import ConversionFailed, ToolUnavailable, ocr_available

from .conftest import require_tool
from .documents import scanned_page

LINES = ["ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH", "Về việc tổ chức tiếp công dân"]


def test_a_scanned_vietnamese_page_gets_its_text() -> None:
    require_tool(ocr_available(), "ocrmypdf tesseract-ocr-vie")
    scan = scanned_page(LINES)
    assert has_text_layer(scan) is False
    searchable = ocr_pdf(scan)
    assert has_text_layer(searchable) is True
    assert re.sub(r"\s+", " ", extract_text(searchable)).strip() == " ".join(LINES)


def test_a_file_that_is_not_a_pdf_is_refused_with_a_code() -> None:
    require_tool(ocr_available(), "ocrmypdf tesseract-ocr-vie")
    with pytest.raises(ConversionFailed) as refused:
        ocr_pdf(b"not a pdf at all")
    assert refused.value.code == ConversionError.OCR_FAILED


def test_without_ocrmypdf_the_error_says_so() -> None:
    with override_settings(EGOV_OCRMYPDF="/nonexistent/ocrmypdf"):
        assert ocr_available() is False
        with pytest.raises(ToolUnavailable) as unavailable:
            ocr_pdf(scanned_page(LINES))
    assert unavailable.value.code == ConversionError.OCR_UNAVAILABLE
