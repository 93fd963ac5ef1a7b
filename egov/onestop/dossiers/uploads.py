"""Checks on uploaded scans and result files: type from the content, size.

The name and the browser's content type are the sender's claims; the first
bytes are not. Only PDF, JPEG and PNG are kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from egov.onestop.dossiers.errors import DossierError
from egov.platform.core.errors import InvalidInput

SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def check_upload(upload: UploadedFile) -> str:
    """The file's real type, or InvalidInput with a Vietnamese message."""
    limit = settings.UPLOAD_MAX_MB * 1024 * 1024
    if upload.size is not None and upload.size > limit:
        raise InvalidInput(
            DossierError.FILE_TOO_LARGE,
            _("Tệp «%(name)s» lớn hơn %(limit)s MB.")
            % {"name": upload.name, "limit": settings.UPLOAD_MAX_MB},
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    raise InvalidInput(
        DossierError.INVALID_FILE_TYPE,
        _("Tệp «%(name)s» không phải PDF, JPEG hoặc PNG.") % {"name": upload.name},
    )


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
