"""Finding the system tools and running them with a time limit."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from functools import cache

from django.conf import settings

from egov.platform.core.errors import DomainError

from .errors import ConversionError


class ToolUnavailable(DomainError):
    status = 503


class ConversionFailed(DomainError):
    status = 422


def soffice_path() -> str | None:
    return shutil.which(settings.EGOV_SOFFICE)


def ocrmypdf_path() -> str | None:
    return shutil.which(settings.EGOV_OCRMYPDF)


def office_available() -> bool:
    """Whether DOCX can be converted to PDF on this server."""
    return soffice_path() is not None


def ocr_available() -> bool:
    """Whether scans can be OCRed in Vietnamese on this server."""
    return ocrmypdf_path() is not None and _tesseract_has("vie")


@cache
def _tesseract_has(language: str) -> bool:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return False
    try:
        listed = subprocess.run(  # noqa: S603 - a fixed command, no input
            [tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return language in listed.stdout.split()


def run_bounded(command: list[str], *, timeout: float, env: dict[str, str] | None = None) -> str:
    """Run a tool in its own process group; on timeout kill the whole group.

    LibreOffice starts a child (soffice.bin) that outlives a plain kill of
    its launcher, so the group is killed, not the process. Returns the
    tool's combined output (for error details); raises ConversionFailed with
    CONVERSION_TIMEOUT past the limit.
    """
    process = subprocess.Popen(  # noqa: S603 - the command is built from settings, not input
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ConversionFailed(
            ConversionError.CONVERSION_TIMEOUT,
            f"Quá thời gian xử lý tệp ({timeout:g} giây); tệp không được chuyển đổi.",
        ) from None
    if process.returncode != 0:
        raise ConversionFailed(
            ConversionError.CONVERSION_FAILED,
            "Không chuyển đổi được tệp: tệp bị hỏng hoặc không đúng định dạng.",
            details={"returncode": process.returncode, "output": output[-2000:]},
        )
    return output
