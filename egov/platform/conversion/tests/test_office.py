"""DOCX to PDF with the real LibreOffice, and its failures."""

from __future__ import annotations

import re
import stat
import time
from pathlib import Path

import pytest
from django.test import override_settings

from egov.platform.conversion.errors import ConversionError
from egov.platform.conversion.ocr import extract_text
from egov.platform.conversion.office import to_pdf
from egov.platform.conversion.tools import ConversionFailed, ToolUnavailable, office_available

from .conftest import require_tool
from .documents import docx

TITLE = "QUYẾT ĐỊNH"
SUMMARY = "Về việc phê duyệt Kế hoạch cải cách hành chính năm 2027 của tỉnh Tây Ninh"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_docx_becomes_a_pdf_holding_its_vietnamese_text() -> None:
    require_tool(office_available(), "libreoffice-writer-nogui fonts-liberation2")
    pdf = to_pdf(docx([TITLE, SUMMARY]))
    assert pdf.startswith(b"%PDF-")
    assert _words(extract_text(pdf)) == f"{TITLE} {SUMMARY}"


def test_a_corrupt_docx_is_refused_with_a_code() -> None:
    require_tool(office_available(), "libreoffice-writer-nogui")
    with pytest.raises(ConversionFailed) as refused:
        to_pdf(b"PK\x03\x04 this is not a word document")
    assert refused.value.code == ConversionError.CONVERSION_FAILED
    assert refused.value.status == 422


def test_a_file_of_another_kind_is_refused_before_libreoffice_runs() -> None:
    require_tool(office_available(), "libreoffice-writer-nogui")
    with pytest.raises(ConversionFailed) as refused:
        to_pdf(b"<html></html>", suffix=".html")
    assert refused.value.code == ConversionError.CONVERSION_FAILED


def _hanging_tool(directory: Path) -> Path:
    """A stand-in 'soffice' that never finishes (and starts a child, as soffice does)."""
    script = directory / "soffice"
    marker = directory / "child.pid"
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {marker}\nwait\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_conversion_past_its_time_limit_is_stopped_with_its_children(tmp_path: Path) -> None:
    script = _hanging_tool(tmp_path)
    with override_settings(EGOV_SOFFICE=str(script)), pytest.raises(ConversionFailed) as stopped:
        to_pdf(docx([SUMMARY]), timeout=1)
    assert stopped.value.code == ConversionError.CONVERSION_TIMEOUT
    child = int((tmp_path / "child.pid").read_text())
    # The whole process group was killed, the 'sleep' child included (SIGKILL
    # is delivered asynchronously: give the kernel a moment to end it).
    for _ in range(50):
        if not _alive(child):
            break
        time.sleep(0.1)
    assert _alive(child) is False


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_without_libreoffice_the_error_says_so() -> None:
    with override_settings(EGOV_SOFFICE="/nonexistent/soffice"):
        assert office_available() is False
        with pytest.raises(ToolUnavailable) as unavailable:
            to_pdf(docx([SUMMARY]))
    assert unavailable.value.code == ConversionError.CONVERTER_UNAVAILABLE
    assert unavailable.value.status == 503
    assert "LibreOffice" in unavailable.value.message
