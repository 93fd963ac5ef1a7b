"""The background job that converts a draft version's DOCX files to PDF with LibreOffice:
its main file when uploaded as DOCX, and its DOCX attachments (services/attachments.py).

The version is "converting" until every one of its files is a PDF, then "ready"; a
failure of any file fails the version (its code and message recorded, the drafter
told), with no retry: LibreOffice would fail the same way.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from egov.office.documents.models import OutgoingVersion, VersionStatus
from egov.office.documents.services import attachments as annex
from egov.office.documents.services import outgoing
from egov.platform.conversion import office
from egov.platform.core.errors import DomainError


def convert_version(version_id: int) -> str:
    """Idempotent: a version already converted or failed is left alone."""
    version = OutgoingVersion.objects.select_related("document").filter(pk=version_id).first()
    if version is None or version.status != VersionStatus.CONVERTING:
        return "nothing to do"
    failure: DomainError | None = None
    pdf, annexes = b"", {}
    try:
        if version.source.name and not version.file.name:
            with version.source.open("rb") as source:
                pdf = office.to_pdf(source.read(), suffix=".docx")
        annexes = annex.convert_attachments(version)
    except DomainError as exc:
        pdf, annexes, failure = b"", {}, exc
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = OutgoingVersion.objects.select_for_update().get(pk=version_id)
            if locked.status != VersionStatus.CONVERTING:
                return "nothing to do"
            document = locked.document
            if failure is None:
                if pdf:
                    locked.file.save(f"{secrets.token_hex(16)}.pdf", ContentFile(pdf), save=False)
                    written.append(locked.file.name or "")
                annex.store_converted(annexes, written)
                locked.status = VersionStatus.READY
                title = _("Dự thảo đã được chuyển sang PDF")
            else:
                locked.status = VersionStatus.FAILED
                locked.error_code = str(failure.code)[:40]
                locked.error_message = str(failure.message)[:300]
                title = _("Không chuyển được dự thảo sang PDF")
            locked.save(update_fields=["file", "status", "error_code", "error_message"])
            outgoing._tell(document, document.drafter, title=title, event=f"converted:{locked.pk}")
            outgoing._audit(
                document,
                None,
                "converted" if failure is None else "conversion_failed",
                version=locked.number,
                error=locked.error_code,
                attachments=len(annexes),
            )
    except BaseException:
        for name in written:
            if name:
                version.file.storage.delete(name)
        raise
    return "converted" if failure is None else f"failed: {failure.code}"
