"""Search and register-book fixtures: the document office's, plus files with text."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from egov.office.documents.tests.conftest import (  # noqa: F401 - fixtures
    abbreviations,
    media,
    office,
)
from egov.platform.printing import PdfRenderer

_RENDERER = PdfRenderer(Path(__file__).resolve().parent)


def text_pdf(*paragraphs: str, name: str = "van-ban.pdf") -> SimpleUploadedFile:
    """An electronic PDF whose text layer holds these paragraphs."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    data = _RENDERER.pdf_from_html(
        '<html lang="vi"><body style="font-family: DejaVu Serif">' + body + "</body></html>"
    )
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def scan_pdf(data: bytes, name: str = "ban-quet.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")
