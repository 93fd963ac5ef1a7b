"""Checks on uploaded scans and result files: type from the content, size.

The name and the browser's content type are the sender's claims, and so are
the first bytes: a file that starts with `%PDF-` may be HTML with a script
in it. So a file is kept only when the library that reads its kind opens it
(pypdf for PDF, Pillow for JPEG and PNG), and it is stored under a random
name with the extension of the detected kind (`RandomName`), never the
sender's. Downloads are served with that kind (`download_headers`).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from egov.onestop.dossiers.errors import DossierError
from egov.platform.core.errors import InvalidInput

logger = logging.getLogger(__name__)

# The kinds kept, by extension: the content type they are served with.
KINDS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
}
_PILLOW_FORMATS = {"JPEG": "jpg", "PNG": "png"}


def _detect(upload: UploadedFile) -> str | None:
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
        with Image.open(upload) as image:
            image.verify()
            return _PILLOW_FORMATS.get(str(image.format))
    except (PyPdfError, UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        # pypdf and Pillow raise these (and a few more) on damaged files.
        logger.info("upload refused: %s", error)
        return None
    except Exception:  # noqa: BLE001 - a parser's crash means "not this kind"
        logger.warning("upload parser failed", exc_info=True)
        return None
    finally:
        upload.seek(0)


def check_upload(upload: UploadedFile) -> str:
    """The file's real content type, or InvalidInput with a Vietnamese message.

    On success the upload's name becomes a neutral one with the detected
    extension, so nothing of the sender's name reaches the storage.
    """
    limit = settings.UPLOAD_MAX_MB * 1024 * 1024
    if upload.size is not None and upload.size > limit:
        raise InvalidInput(
            DossierError.FILE_TOO_LARGE,
            _("Tệp «%(name)s» lớn hơn %(limit)s MB.")
            % {"name": upload.name, "limit": settings.UPLOAD_MAX_MB},
        )
    extension = _detect(upload)
    if extension is None:
        raise InvalidInput(
            DossierError.INVALID_FILE_TYPE,
            _("Tệp «%(name)s» không phải PDF, JPEG hoặc PNG.") % {"name": upload.name},
        )
    upload.name = f"upload.{extension}"
    return KINDS[extension]


@deconstructible
class RandomName:
    """A FileField `upload_to`: `<folder>/<year>/<month>/<random>.<kind>`.

    The extension is taken from the name `check_upload` gave the file (the
    detected kind); anything else is stored as `.bin` and served as a
    download, never shown.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: Model, filename: str) -> str:
        extension = PurePosixPath(filename).suffix.lower().lstrip(".")
        if extension not in KINDS:
            extension = "bin"
        now = timezone.now()
        return f"{self.folder}/{now:%Y/%m}/{secrets.token_hex(16)}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def content_type_of(name: str) -> str:
    """The type a stored file is served with: by the extension we gave it."""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    return KINDS.get(extension, "application/octet-stream")


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
    shown = inline and content_type != "application/octet-stream"
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
