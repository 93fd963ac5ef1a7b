"""Files of official documents: checked by their content, stored under random names.

The document itself must be a PDF (Decree 30 art. 24: a paper document is
scanned to PDF; an electronic one arrives as PDF). Attachments may also be
images, Word or Excel files. A file is kept only when the library that reads
its kind opens it (the platform's check, core/uploads.py; the office keeps
its own error codes and messages); the stored name is random with the detected extension,
never the sender's name.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.platform.conversion.errors import ConversionError
from egov.platform.conversion.tools import office_available
from egov.platform.core.errors import InvalidInput
from egov.platform.core.uploads import content_type_of, detect_kind

MAX_MB = 30
# What the office keeps: the platform recognises more (WebP, ODF), which an
# official document's attachments do not take (Decree 30/2020 art. 24 asks
# for PDF; images, Word and Excel are the annexes agencies exchange).
OFFICE_KINDS = frozenset({"pdf", "jpg", "png", "docx", "xlsx"})


def _detect(upload: UploadedFile) -> str | None:
    """The kind read from the content by the platform's check
    (core/uploads.py), when it is one the office keeps."""
    kind = detect_kind(upload)
    return kind if kind in OFFICE_KINDS else None


def kind_of(upload: UploadedFile) -> str | None:
    """The detected kind of an upload ("pdf", "docx", ...), None when unreadable."""
    _check_size(upload)
    return _detect(upload)


def _check_size(upload: UploadedFile) -> None:
    if upload.size is not None and upload.size > MAX_MB * 1024 * 1024:
        raise InvalidInput(
            OfficeError.FILE_TOO_LARGE,
            _("Tệp «%(name)s» lớn hơn %(limit)s MB.") % {"name": upload.name, "limit": MAX_MB},
        )


def checked_pdf(upload: UploadedFile | None) -> UploadedFile:
    """The document's own file: a real PDF, renamed to a random name."""
    if upload is None:
        raise InvalidInput(
            OfficeError.FILE_REQUIRED,
            _("Cần tải lên tệp PDF của văn bản (bản quét hoặc bản điện tử)."),
        )
    _check_size(upload)
    if _detect(upload) != "pdf":
        raise InvalidInput(
            OfficeError.FILE_NOT_PDF,
            _("Tệp «%(name)s» không phải tệp PDF đọc được.") % {"name": upload.name},
        )
    upload.name = f"{secrets.token_hex(16)}.pdf"
    return upload


def checked_attachment(upload: UploadedFile) -> tuple[str, UploadedFile]:
    """(the sender's name, for display; the file renamed) of an attachment of a known kind."""
    _check_size(upload)
    shown = PurePosixPath(str(upload.name or "")).name[:200] or _("Tệp đính kèm")
    kind = _detect(upload)
    if kind is None:
        raise InvalidInput(
            OfficeError.FILE_NOT_PDF,
            _("Tệp «%(name)s» không phải PDF, ảnh, Word hoặc Excel đọc được.") % {"name": shown},
        )
    upload.name = f"{secrets.token_hex(16)}.{kind}"
    return shown, upload


def checked_draft(upload: UploadedFile | None) -> tuple[str, UploadedFile]:
    """(the kind, the file renamed) of a draft's main file: a DOCX or a PDF."""
    if upload is None:
        raise InvalidInput(OfficeError.FILE_REQUIRED, _("Cần tải lên tệp dự thảo (DOCX hoặc PDF)."))
    kind = kind_of(upload)
    if kind not in ("pdf", "docx"):
        raise InvalidInput(
            OfficeError.FILE_NOT_DRAFT,
            _("Tệp «%(name)s» không phải tệp DOCX hoặc PDF đọc được.") % {"name": upload.name},
        )
    if kind == "docx" and not office_available():
        raise InvalidInput(
            ConversionError.CONVERTER_UNAVAILABLE,
            _(
                "Máy chủ chưa cài LibreOffice nên chưa chuyển được DOCX sang PDF; "
                "hãy tải lên bản PDF."
            ),
        )
    upload.name = f"{secrets.token_hex(16)}.{kind}"
    return kind, upload


def serve(file: FieldFile, *, download_name: str) -> FileResponse:
    """A stored file with the type of its detected kind; only PDF shown inline."""
    extension = PurePosixPath(str(file.name or "")).suffix.lower().lstrip(".")
    content_type = content_type_of(str(file.name or ""))
    response = FileResponse(
        file.open("rb"),
        content_type=content_type,
        as_attachment=extension != "pdf",
        filename=f"{download_name}.{extension}" if extension else download_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
