"""OCR of scanned PDFs with ocrmypdf and Tesseract's Vietnamese model."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.conf import settings
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .errors import ConversionError
from .tools import ConversionFailed, ToolUnavailable, ocr_available, ocrmypdf_path, run_bounded


def has_text_layer(data: bytes) -> bool:
    """Whether a PDF already carries text (then OCR is not needed)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        return any((page.extract_text() or "").strip() for page in reader.pages)
    except (PdfReadError, ValueError, OSError):
        return False


def extract_text(data: bytes) -> str:
    """The text layer of a PDF, page after page ('' when there is none)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError):
        return ""


def ocr_pdf(data: bytes, *, language: str = "vie", timeout: float | None = None) -> bytes:
    """The same PDF with a text layer added under each scanned page.

    Pages that already have text are left as they are (--skip-text), so an
    electronic PDF passes through unchanged in substance.
    """
    executable = ocrmypdf_path()
    if executable is None or not ocr_available():
        raise ToolUnavailable(
            ConversionError.OCR_UNAVAILABLE,
            "Máy chủ chưa cài ocrmypdf và dữ liệu tiếng Việt của Tesseract nên chưa "
            "nhận dạng được chữ trong bản quét.",
        )
    limit = timeout if timeout is not None else settings.EGOV_CONVERSION_TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="egov-ocr-") as work:
        root = Path(work)
        source = root / "scan.pdf"
        source.write_bytes(data)
        target = root / "text.pdf"
        try:
            run_bounded(
                [
                    executable,
                    "--language",
                    language,
                    "--skip-text",
                    "--output-type",
                    "pdf",
                    "--jobs",
                    "1",
                    "--quiet",
                    str(source),
                    str(target),
                ],
                timeout=limit,
            )
        except ConversionFailed as error:
            if error.code == ConversionError.CONVERSION_TIMEOUT:
                raise
            raise ConversionFailed(
                ConversionError.OCR_FAILED,
                "Không nhận dạng được chữ: tệp không phải PDF hợp lệ.",
                details=error.details,
            ) from error
        return target.read_bytes()
