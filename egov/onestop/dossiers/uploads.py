"""Checks on uploaded scans and result files: type from the content, size.

The checks themselves are the platform's (egov/platform/core/uploads.py):
a file is kept only when the library that reads its kind opens it. The
one-stop desk accepts PDF, JPEG and PNG, and stores a file under a random
name with the extension of the detected kind (`RandomName`), never the
sender's. Downloads are served with that kind (`serve_stored`).
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from egov.platform.core import uploads
from egov.platform.core.uploads import content_type_of, discard_stored, serve_stored

__all__ = [
    "KINDS",
    "RandomName",
    "check_upload",
    "content_type_of",
    "discard_stored",
    "serve_stored",
]

# The kinds kept, by extension: the content type they are served with.
KINDS = {kind: uploads.KINDS[kind] for kind in ("pdf", "jpg", "png")}


def check_upload(upload: UploadedFile) -> str:
    """The file's real content type, or InvalidInput with a Vietnamese message
    (codes `file_too_large`, `invalid_file_type`, as DossierError names them).

    On success the upload's name becomes a neutral one with the detected
    extension, so nothing of the sender's name reaches the storage.
    """
    extension = uploads.check_upload(
        upload, kinds=KINDS, max_mb=settings.UPLOAD_MAX_MB, kinds_label=_("PDF, JPEG hoặc PNG")
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
