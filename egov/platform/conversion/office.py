"""DOCX (and ODT, DOC) to PDF with LibreOffice running headless."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings

from .errors import ConversionError
from .tools import ConversionFailed, ToolUnavailable, run_bounded, soffice_path

# What a draft may be uploaded as; anything else is refused before LibreOffice runs.
CONVERTIBLE_SUFFIXES = (".docx", ".doc", ".odt")


def to_pdf(data: bytes, *, suffix: str = ".docx", timeout: float | None = None) -> bytes:
    """The PDF LibreOffice makes of a word-processor document.

    Each run gets its own LibreOffice profile directory, so parallel
    conversions (several workers) never share one, and a profile damaged by a
    killed run is thrown away with its temporary directory.
    """
    soffice = soffice_path()
    if soffice is None:
        raise ToolUnavailable(
            ConversionError.CONVERTER_UNAVAILABLE,
            "Máy chủ chưa cài LibreOffice nên chưa chuyển được DOCX sang PDF; hãy tải lên bản PDF.",
        )
    if suffix not in CONVERTIBLE_SUFFIXES:
        raise ConversionFailed(
            ConversionError.CONVERSION_FAILED,
            "Chỉ chuyển đổi được tệp .docx, .doc hoặc .odt.",
        )
    limit = timeout if timeout is not None else settings.EGOV_CONVERSION_TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="egov-soffice-") as work:
        root = Path(work)
        source = root / f"document{suffix}"
        source.write_bytes(data)
        outdir = root / "out"
        env = {**os.environ, "HOME": str(root)}
        run_bounded(
            [
                soffice,
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation={(root / 'profile').as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(source),
            ],
            timeout=limit,
            env=env,
        )
        produced = outdir / "document.pdf"
        # LibreOffice exits 0 when it cannot read the input; it just writes nothing.
        if not produced.exists() or not produced.read_bytes().startswith(b"%PDF-"):
            raise ConversionFailed(
                ConversionError.CONVERSION_FAILED,
                "Không chuyển đổi được tệp: tệp bị hỏng hoặc không đúng định dạng.",
            )
        return produced.read_bytes()
