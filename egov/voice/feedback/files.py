"""Attachments of feedback: photos and PDFs, checked by their content, stored under random names.

A citizen's photo of the place or a scan of a paper is enough; anything
else (an executable renamed .jpg, an HTML page) is refused. The stored name
is random with the detected extension, never the sender's name.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from egov.platform.core.errors import InvalidInput
from egov.voice.feedback.errors import FeedbackError

MAX_MB = 10
MAX_FILES = 5
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


def _detect(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    try:
        if head == b"%PDF-":
            return "pdf" if len(PdfReader(upload, strict=False).pages) >= 1 else None
        with Image.open(upload) as image:
            image.verify()
            return {"JPEG": "jpg", "PNG": "png"}.get(str(image.format))
    except (PyPdfError, UnidentifiedImageError, OSError, ValueError):
        return None
    except Exception:  # noqa: BLE001 - a parser's crash means "not this kind"
        return None
    finally:
        upload.seek(0)


def checked_attachments(uploads: list[UploadedFile]) -> list[tuple[str, UploadedFile]]:
    """(shown name, renamed file) for each upload, or InvalidInput before anything is stored."""
    if len(uploads) > MAX_FILES:
        raise InvalidInput(
            FeedbackError.TOO_MANY_FILES,
            _("Chỉ được đính kèm tối đa %(n)s tệp.") % {"n": MAX_FILES},
        )
    checked = []
    for upload in uploads:
        shown = PurePosixPath(str(upload.name or "")).name[:200] or _("Tệp đính kèm")
        if upload.size is not None and upload.size > MAX_MB * 1024 * 1024:
            raise InvalidInput(
                FeedbackError.FILE_TOO_LARGE,
                _("Tệp «%(name)s» lớn hơn %(limit)s MB.") % {"name": shown, "limit": MAX_MB},
            )
        kind = _detect(upload)
        if kind is None:
            raise InvalidInput(
                FeedbackError.FILE_NOT_ALLOWED,
                _("Tệp «%(name)s» không phải ảnh (JPG, PNG) hoặc PDF đọc được.") % {"name": shown},
            )
        upload.name = f"{secrets.token_hex(16)}.{kind}"
        checked.append((shown, upload))
    return checked
