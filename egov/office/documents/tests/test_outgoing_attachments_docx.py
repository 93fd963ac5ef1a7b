"""DOCX attachments of outgoing documents: kept as uploaded, converted to PDF with
LibreOffice by the version's conversion job (the version waits until then), and
sealed at issue like any PDF attachment. Without LibreOffice the conversion test
skips saying why (EGOV_REQUIRE_TOOLS=1 makes it fail), and a DOCX is refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    OutgoingAttachment,
    OutgoingDocument,
    OutgoingStatus,
    VersionStatus,
)
from egov.office.documents.services.outgoing import (
    create_draft,
    issue_outgoing,
    latest_version,
    send_outgoing,
)
from egov.office.documents.services.signing import finish_approval_signing
from egov.office.documents.tests.conftest import PDF
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    Drafting,
    draft,
    drafting_fixture,
)
from egov.office.documents.tests.signing_fixtures import (  # noqa: F401 - the fixtures
    Signing,
    decision_upload,
    signing_fixture,
    test_pki_fixture,
)
from egov.office.documents.tests.test_outgoing_signing import approve, only_transaction
from egov.platform.audit.models import AuditEvent
from egov.platform.conversion.errors import ConversionError
from egov.platform.conversion.ocr import extract_text
from egov.platform.conversion.tests.conftest import require_tool
from egov.platform.conversion.tests.documents import docx
from egov.platform.conversion.tools import ConversionFailed, office_available
from egov.platform.core.errors import DomainError
from egov.platform.jobs.models import Job
from egov.platform.jobs.worker import run_due
from egov.platform.signatures import attachments as platform_attachments
from egov.platform.signatures.config import signature_config
from egov.platform.signatures.validation import Verdict, validate_pdf

pytestmark = pytest.mark.django_db

TEXT = "DANH SÁCH các xã được kiểm tra công tác chứng thực năm 2026"
AVAILABLE = "egov.office.documents.services.attachments.office_available"


def _uploads() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("Phụ lục I.docx", docx([TEXT])),
        SimpleUploadedFile("Phụ lục II.pdf", PDF, content_type="application/pdf"),
    ]


def _rows(document: OutgoingDocument) -> list[tuple[int, str, bool, bool, bool]]:
    return [
        (r.version.number, r.name, bool(r.file.name), bool(r.source.name), r.sealed)
        for r in OutgoingAttachment.objects.filter(version__document=document).order_by(
            "version__number", "position"
        )
    ]


def test_a_docx_attachment_is_converted_then_sealed_at_issue(signing: Signing) -> None:
    require_tool(office_available(), "libreoffice-writer-nogui fonts-liberation2")
    d = signing.drafting
    document = create_draft(
        actor=d.drafter,
        draft=draft(d, reviewer=None, signature_required=True),
        file=decision_upload(),
        attachments=_uploads(),
    )
    version = document.versions.get()
    # The main file is a PDF, but the version waits for its attachment's conversion.
    assert version.status == VersionStatus.CONVERTING
    assert list(Job.objects.values_list("task", "kwargs")) == [
        ("office.convert_draft", {"version": version.pk})
    ]
    assert _rows(document) == [
        (1, "Phụ lục I.docx", False, True, False),
        (1, "Phụ lục II.pdf", True, False, False),
    ]
    with pytest.raises(DomainError) as caught:
        send_outgoing(actor=d.drafter, document=document)
    assert caught.value.code == OfficeError.VERSION_NOT_READY

    run_due()
    version.refresh_from_db()
    assert version.status == VersionStatus.READY
    converted = version.attachments.get(position=1)
    with converted.file.open("rb") as handle:
        assert " ".join(extract_text(handle.read()).split()) == TEXT
    with version.file.open("rb") as handle:
        assert handle.read() == decision_upload().read()
    event = AuditEvent.objects.get(event_type="office.outgoing_converted")
    assert event.details["attachments"] == 1

    document = approve(signing, send_outgoing(actor=d.drafter, document=document))
    signing.sandbox.sandbox.confirm(only_transaction(signing))
    document = finish_approval_signing(actor=d.cast.leader, document=document)
    document = issue_outgoing(actor=d.cast.clerk, document=document)

    assert document.status == OutgoingStatus.ISSUED
    issued = latest_version(document)
    assert issued is not None
    config = signature_config()
    assert config is not None
    sealed = issued.attachments.get(position=1)
    assert (sealed.name, sealed.sealed) == ("Phụ lục I.docx", True)
    with sealed.file.open("rb") as handle:
        data = handle.read()
    [report] = validate_pdf(data, config)
    assert (report.field_name, report.intact, report.verdict) == (
        platform_attachments.FIELD,
        True,
        Verdict.VALID,
    )
    assert TEXT in " ".join(extract_text(data).split())


def test_a_failed_attachment_conversion_fails_the_version(
    drafting: Drafting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(AVAILABLE, lambda: True)

    def broken(data: bytes, *, suffix: str = ".docx") -> bytes:
        raise ConversionFailed(ConversionError.CONVERSION_FAILED, "Không đọc được tệp.")

    monkeypatch.setattr("egov.platform.conversion.office.to_pdf", broken)
    document = create_draft(
        actor=drafting.drafter,
        draft=draft(drafting),
        file=SimpleUploadedFile("du-thao.pdf", PDF, content_type="application/pdf"),
        attachments=_uploads(),
    )
    run_due()

    version = document.versions.get()
    assert (version.status, version.error_code) == (VersionStatus.FAILED, "conversion_failed")
    assert _rows(document) == [
        (1, "Phụ lục I.docx", False, True, False),
        (1, "Phụ lục II.pdf", True, False, False),
    ]
    assert AuditEvent.objects.filter(event_type="office.outgoing_conversion_failed").count() == 1
    with pytest.raises(DomainError) as caught:
        send_outgoing(actor=drafting.drafter, document=document)
    assert caught.value.code == OfficeError.VERSION_NOT_READY


def test_without_libreoffice_a_docx_attachment_is_refused(
    drafting: Drafting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(AVAILABLE, lambda: False)
    with pytest.raises(DomainError) as caught:
        create_draft(
            actor=drafting.drafter,
            draft=draft(drafting),
            file=SimpleUploadedFile("du-thao.pdf", PDF, content_type="application/pdf"),
            attachments=_uploads(),
        )
    assert (caught.value.code, caught.value.message) == (
        ConversionError.CONVERTER_UNAVAILABLE,
        "Máy chủ chưa cài LibreOffice nên chưa chuyển được phụ lục «Phụ lục I.docx» sang PDF; "
        "hãy tải lên bản PDF.",
    )
    assert (OutgoingDocument.objects.count(), OutgoingAttachment.objects.count()) == (0, 0)
    assert Job.objects.count() == 0
