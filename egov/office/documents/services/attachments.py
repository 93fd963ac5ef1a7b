"""Attachments (phụ lục, tài liệu kèm theo) of outgoing documents.

They are uploaded with a version of the draft, as PDFs, and kept per version
as the main file is; the version the leader signs carries them over
unchanged. At issue, when the main file gets the organisation's signature,
each attachment gets it too (Decree 30/2020/NĐ-CP, Appendix I: the
organisation signs an attachment in a file of its own at the top right of
its first page, with the main document's number and notation), inside the
issuing transaction: a failure rolls back the number with everything else.

A DOCX attachment is kept as uploaded (`source`) and converted to PDF with
LibreOffice by the version's conversion job (services/conversion.py), as a
DOCX main file is: the version stays "converting" until every file of it is a
PDF, so only PDFs are ever approved, signed, sealed and sent. Without
LibreOffice on the server a DOCX is refused at upload, as a DOCX draft is.

The issued version's attachments go wherever the main file goes: into the
incoming documents of the deployment's own recipient units (issuing) and into
the edXML message to each directory agency (egov/office/exchange/messages.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from egov.office.documents import files
from egov.office.documents.errors import OfficeError
from egov.office.documents.models import OutgoingAttachment, OutgoingDocument, OutgoingVersion
from egov.platform.conversion import office
from egov.platform.conversion.errors import ConversionError
from egov.platform.conversion.tools import office_available
from egov.platform.core.errors import InvalidInput
from egov.platform.signatures.attachments import seal_attachment
from egov.platform.signatures.backends.base import SignerBackend
from egov.platform.signatures.config import SignatureConfig

# A document's annexes rarely exceed a handful; the limit keeps an upload
# (each file up to files.MAX_MB) within reason.
MAX_ATTACHMENTS = 10


def checked_attachments(uploads: Sequence[UploadedFile]) -> list[tuple[str, UploadedFile]]:
    """(the name shown, the file renamed) of each upload: readable PDFs only."""
    if len(uploads) > MAX_ATTACHMENTS:
        raise InvalidInput(
            OfficeError.ATTACHMENTS_TOO_MANY,
            _("Chỉ đính kèm được tối đa %(limit)s phụ lục.") % {"limit": MAX_ATTACHMENTS},
        )
    checked: list[tuple[str, UploadedFile]] = []
    for upload in uploads:
        shown = PurePosixPath(str(upload.name or "")).name[:200] or _("Phụ lục")
        kind = files.kind_of(upload)
        if kind not in ("pdf", "docx"):
            raise InvalidInput(
                OfficeError.ATTACHMENT_NOT_PDF,
                _("Phụ lục «%(name)s» không phải tệp PDF hoặc DOCX đọc được.") % {"name": shown},
            )
        if kind == "docx" and not office_available():
            raise InvalidInput(
                ConversionError.CONVERTER_UNAVAILABLE,
                _(
                    "Máy chủ chưa cài LibreOffice nên chưa chuyển được phụ lục «%(name)s» "
                    "sang PDF; hãy tải lên bản PDF."
                )
                % {"name": shown},
            )
        upload.name = f"{secrets.token_hex(16)}.{kind}"
        checked.append((shown, upload))
    return checked


def store_attachments(
    version: OutgoingVersion,
    checked: Sequence[tuple[str, UploadedFile]],
    stored: list[OutgoingVersion | OutgoingAttachment],
) -> bool:
    """Store the checked uploads on `version`; True when a DOCX waits for conversion."""
    waiting = False
    for position, (shown, upload) in enumerate(checked, start=1):
        row = OutgoingAttachment(version=version, position=position, name=shown)
        docx = (upload.name or "").endswith(".docx")
        (row.source if docx else row.file).save(upload.name or "phu-luc", upload, save=False)
        waiting = waiting or docx
        stored.append(row)
        row.save()
    return waiting


def convert_attachments(version: OutgoingVersion) -> dict[int, bytes]:
    """The PDF of each DOCX attachment of `version` not converted yet, by row pk.

    Runs in the conversion job, outside any transaction (LibreOffice takes
    seconds); a ConversionError of any one propagates: the version fails.
    """
    converted: dict[int, bytes] = {}
    for row in version.attachments.filter(file="").exclude(source="").order_by("position"):
        with row.source.open("rb") as handle:
            converted[row.pk] = office.to_pdf(handle.read(), suffix=".docx")
    return converted


def store_converted(converted: dict[int, bytes], written: list[str]) -> None:
    """The converted PDFs on their rows, inside the job's transaction; `written`
    collects the names for the caller to remove if that transaction rolls back."""
    for row in OutgoingAttachment.objects.filter(pk__in=converted).order_by("position"):
        row.file.save(f"{secrets.token_hex(16)}.pdf", ContentFile(converted[row.pk]), save=False)
        written.append(row.file.name or "")
        row.save(update_fields=["file"])


def carry_over(source: OutgoingVersion, target: OutgoingVersion) -> None:
    """The same files on a new version made from `source` (the leader's signed copy)."""
    OutgoingAttachment.objects.bulk_create(
        OutgoingAttachment(
            version=target,
            position=row.position,
            name=row.name,
            file=row.file.name,
            source=row.source.name,
            sealed=False,
        )
        for row in source.attachments.order_by("position")
    )


def seal_attachments(
    document: OutgoingDocument,
    source: OutgoingVersion,
    target: OutgoingVersion,
    backend: SignerBackend,
    config: SignatureConfig,
    written: list[OutgoingVersion | OutgoingAttachment],
) -> int:
    """Each attachment of `source`, signed by the organisation, on `target`.

    Called after numbering, inside the issuing transaction; a SigningError
    propagates and the caller removes the files in `written`.
    """
    count = 0
    for row in source.attachments.order_by("position"):
        with row.file.open("rb") as handle:
            pdf = handle.read()
        signed = seal_attachment(
            pdf, backend, organisation=document.body.name, notation=document.notation, config=config
        )
        sealed = OutgoingAttachment(
            version=target, position=row.position, name=row.name, sealed=True
        )
        sealed.file.save(f"{secrets.token_hex(16)}.pdf", ContentFile(signed), save=False)
        written.append(sealed)
        sealed.save()
        count += 1
    return count


def issued_attachments(version: OutgoingVersion) -> list[tuple[str, bytes]]:
    """(the name shown, the bytes) of a version's attachments, in their order: what
    goes with the issued main file to each recipient."""
    found = []
    for row in version.attachments.order_by("position"):
        with row.file.open("rb") as handle:
            found.append((row.name, handle.read()))
    return found
