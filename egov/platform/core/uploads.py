"""Checks on uploaded files: the kind read from the content, the size.

The name and the browser's content type are the sender's claims, and so are
the first bytes: a file that starts with `%PDF-` may be HTML with a script
in it. So a file is kept only when the library that reads its kind opens it
(pypdf for PDF, Pillow for images, the ZIP directory and its marker member
for office documents). Each caller names the kinds it accepts and the error
codes it answers with; the one-stop desk (dossier scans and results) and
the portal (Wagtail's images and documents) use it.

Downloads are served with the detected kind (`serve_stored`), never one the
browser guesses.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Collection, Iterable
from enum import StrEnum
from pathlib import PurePosixPath
from typing import IO, Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from egov.platform.core.errors import InvalidInput

logger = logging.getLogger(__name__)


class UploadError(StrEnum):
    # The same values the one-stop desk has always answered with (DossierError).
    FILE_TOO_LARGE = "file_too_large"
    INVALID_FILE_TYPE = "invalid_file_type"


# Every kind the platform can recognise, by extension: its content type.
KINDS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_PILLOW_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# An OOXML package names its main part; an ODF package stores its type,
# uncompressed, in a first member called "mimetype" (ISO/IEC 26300, 3.3).
_OOXML_MARKERS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
_ODF_TYPES = {KINDS["odt"]: "odt", KINDS["ods"]: "ods"}


def _detect_zip(upload: IO[bytes]) -> str | None:
    with zipfile.ZipFile(upload) as archive:
        names = archive.namelist()
        for marker, kind in _OOXML_MARKERS.items():
            if marker in names:
                return kind
        if names and names[0] == "mimetype":
            with archive.open("mimetype") as member:
                declared = member.read(100).decode("ascii", "replace").strip()
            return _ODF_TYPES.get(declared)
    return None


def detect_kind(upload: IO[bytes]) -> str | None:
    """The extension of the kind the content really is, or None."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    try:
        if head == b"%PDF-":
            reader = PdfReader(upload, strict=False)
            # Opening reads the cross-reference table and the trailer;
            # counting pages walks the page tree: HTML behind a PDF header
            # has neither.
            if len(reader.pages) < 1:
                return None
            return "pdf"
        if head[:4] == b"PK\x03\x04":
            return _detect_zip(upload)
        with Image.open(upload) as image:
            image.verify()
            return _PILLOW_FORMATS.get(str(image.format))
    except (
        PyPdfError,
        UnidentifiedImageError,
        zipfile.BadZipFile,
        OSError,
        ValueError,
        SyntaxError,
    ) as error:
        # pypdf, Pillow and zipfile raise these (and a few more) on damaged files.
        logger.info("upload refused: %s", error)
        return None
    except Exception:  # noqa: BLE001 - a parser's crash means "not this kind"
        logger.warning("upload parser failed", exc_info=True)
        return None
    finally:
        upload.seek(0)


def check_upload(upload: Any, *, kinds: Collection[str], max_mb: int, kinds_label: str) -> str:
    """The extension of the upload's real kind, one of `kinds`; or InvalidInput
    (`file_too_large`, `invalid_file_type`) with a Vietnamese message naming
    the file. `kinds_label` says in words what is accepted ("PDF, JPEG hoặc PNG").
    """
    limit = max_mb * 1024 * 1024
    if upload.size is not None and upload.size > limit:
        raise InvalidInput(
            UploadError.FILE_TOO_LARGE,
            _("Tệp «%(name)s» lớn hơn %(limit)s MB.") % {"name": upload.name, "limit": max_mb},
        )
    extension = detect_kind(upload)
    if extension is None or extension not in kinds:
        raise InvalidInput(
            UploadError.INVALID_FILE_TYPE,
            _("Tệp «%(name)s» không phải %(kinds)s.") % {"name": upload.name, "kinds": kinds_label},
        )
    return extension


def content_type_of(name: str) -> str:
    """The type a stored file is served with: by the extension we gave it."""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    return KINDS.get(extension, "application/octet-stream")


# Kinds a browser may show inline; anything else is a download.
_SHOWN = frozenset({"application/pdf", "image/jpeg", "image/png", "image/webp"})


def serve_stored(
    file: FieldFile, *, download_name: str | None = None, inline: bool = False
) -> FileResponse:
    """A stored file, served so that it cannot run in the site's origin.

    The type is the one detected on upload (the extension we gave the
    stored name). Only PDF and images may be shown in the browser; anything
    else, such as a file stored under the sender's name before the content
    was read, goes out as an opaque download. `nosniff` keeps the browser
    from guessing a type of its own.
    """
    stored = str(file.name or "")
    content_type = content_type_of(stored)
    shown = inline and content_type in _SHOWN
    name = download_name or stored.rsplit("/", 1)[-1]
    if content_type != "application/octet-stream":
        # The download keeps the extension of what the file really is.
        name = f"{PurePosixPath(name).stem}.{PurePosixPath(stored).suffix.lstrip('.')}"
    response = FileResponse(
        file.open("rb"), as_attachment=not shown, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def discard_stored(files: Iterable[FieldFile]) -> None:
    """Delete files stored by a change that is failing.

    A FileField writes its file to storage when its row is saved; when the
    transaction then rolls back, the row goes and the file would stay: the
    citizen's papers on disk with nothing pointing at them (Decree
    13/2023/NĐ-CP asks that personal data not be kept without a purpose).
    """
    for file in files:
        if file and file.name:
            file.storage.delete(file.name)
