"""Attachments (phụ lục) of outgoing documents: uploaded with a version, kept
per version, shown and served to those who may see the document, refused when
not a PDF or DOCX, too large or too many, DOCX converted to PDF, and sealed by the
organisation at issue (Decree 30/2020, Appendix I) atomically with the number."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.conftest import login
from egov.office.documents import files
from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    OutgoingAttachment,
    OutgoingDocument,
    OutgoingStatus,
    RegisterEntry,
    VersionStatus,
)
from egov.office.documents.services.outgoing import (
    add_version,
    create_draft,
    issue_outgoing,
    latest_version,
    send_outgoing,
)
from egov.office.documents.services.signing import finish_approval_signing
from egov.office.documents.tests.conftest import PDF, pdf
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
from egov.platform.signatures.errors import SignatureErrorCode, SigningError
from egov.platform.signatures.validation import Verdict, validate_pdf

pytestmark = pytest.mark.django_db

DOCX = b"PK\x03\x04"
SEAL = "egov.office.documents.services.attachments.seal_attachment"


def annex_pdf(name: str = "phu-luc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def listed(document: OutgoingDocument) -> list[tuple[int, int, str, bool]]:
    return list(
        OutgoingAttachment.objects.filter(version__document=document)
        .order_by("version__number", "position")
        .values_list("version__number", "position", "name", "sealed")
    )


def stored_files(storage: Any) -> set[str]:
    years, _files = storage.listdir("office/outgoing")
    return {f"{y}/{name}" for y in years for name in storage.listdir(f"office/outgoing/{y}")[1]}


def caught(call: Any) -> DomainError:
    with pytest.raises(DomainError) as raised:
        call()
    return raised.value


def test_attachments_are_kept_per_version(drafting: Drafting) -> None:
    d = drafting
    document = create_draft(
        actor=d.drafter,
        draft=draft(d),
        file=pdf(),
        attachments=[annex_pdf("Phụ lục I.pdf"), annex_pdf("Danh sách.pdf")],
    )
    add_version(actor=d.drafter, document=document, file=pdf(), attachments=[annex_pdf("Mới.pdf")])

    assert listed(document) == [
        (1, 1, "Phụ lục I.pdf", False),
        (1, 2, "Danh sách.pdf", False),
        (2, 1, "Mới.pdf", False),
    ]
    stored = OutgoingAttachment.objects.get(version__number=2)
    assert stored.file.name.endswith(".pdf") and "Mới" not in stored.file.name
    with stored.file.open("rb") as handle:
        assert handle.read() == PDF
    drafted = AuditEvent.objects.filter(event_type="office.outgoing_drafted").get()
    added = AuditEvent.objects.filter(event_type="office.outgoing_version_added").get()
    assert (drafted.details["attachments"], added.details["attachments"]) == (2, 1)


@pytest.mark.parametrize(
    ("uploads", "code"),
    [
        ([SimpleUploadedFile("phu-luc.docx", DOCX)], OfficeError.ATTACHMENT_NOT_PDF),
        ([SimpleUploadedFile("anh.png", b"not an image")], OfficeError.ATTACHMENT_NOT_PDF),
        ([annex_pdf() for _ in range(11)], OfficeError.ATTACHMENTS_TOO_MANY),
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_written(
    drafting: Drafting, uploads: list[SimpleUploadedFile], code: OfficeError
) -> None:
    error = caught(
        lambda: create_draft(
            actor=drafting.drafter, draft=draft(drafting), file=pdf(), attachments=uploads
        )
    )

    assert error.code == code
    assert (OutgoingDocument.objects.count(), OutgoingAttachment.objects.count()) == (0, 0)


def test_a_too_large_attachment_is_refused(drafting: Drafting) -> None:
    d = drafting
    document = create_draft(actor=d.drafter, draft=draft(d), file=pdf())
    big = annex_pdf()
    big.size = files.MAX_MB * 1024 * 1024 + 1

    error = caught(
        lambda: add_version(actor=d.drafter, document=document, file=pdf(), attachments=[big])
    )

    assert (error.code, error.message) == (
        OfficeError.FILE_TOO_LARGE,
        "Tệp «phu-luc.pdf» lớn hơn 30 MB.",
    )
    assert (document.versions.count(), OutgoingAttachment.objects.count()) == (1, 0)


def test_the_page_lists_and_serves_them_only_to_who_may_see(drafting: Drafting) -> None:
    d = drafting
    document = create_draft(
        actor=d.drafter, draft=draft(d), file=pdf(), attachments=[annex_pdf("Phụ lục I.pdf")]
    )
    url = f"/van-ban/di/{document.pk}/tep/1/phu-luc/1/"
    drafter = Client()
    login(drafter, d.drafter)
    outsider = Client()
    login(outsider, d.long_an_leader)

    page = drafter.get(f"/van-ban/di/{document.pk}/").content.decode()
    served = drafter.get(url)
    denied = outsider.get(url)

    assert f'<a href="{url}">Phụ lục I.pdf</a>' in page
    assert (served.status_code, served["Content-Type"], served.getvalue()) == (
        200,
        "application/pdf",
        PDF,
    )
    assert denied.status_code == 404
    assert drafter.get(f"/van-ban/di/{document.pk}/tep/1/phu-luc/2/").status_code == 404


def test_only_the_drafter_adds_attachments_and_nothing_changes(drafting: Drafting) -> None:
    d = drafting
    document = create_draft(actor=d.drafter, draft=draft(d), file=pdf(), attachments=[annex_pdf()])
    before = listed(document)

    error = caught(
        lambda: add_version(
            actor=d.cast.head, document=document, file=pdf(), attachments=[annex_pdf()]
        )
    )

    assert error.code == OfficeError.NOT_A_DRAFTER
    assert (listed(document), document.versions.count()) == (before, 1)


def test_the_page_uploads_them_with_a_new_version(drafting: Drafting) -> None:
    d = drafting
    document = create_draft(actor=d.drafter, draft=draft(d), file=pdf())
    drafter = Client()
    login(drafter, d.drafter)

    posted = drafter.post(
        f"/van-ban/di/{document.pk}/phien-ban/",
        {"file": pdf(), "note": "Bổ sung phụ lục", "attachments": [annex_pdf("Phụ lục II.pdf")]},
    )
    refused = drafter.post(
        f"/van-ban/di/{document.pk}/phien-ban/",
        {"file": pdf(), "attachments": [SimpleUploadedFile("a.docx", DOCX)]},
    )

    assert posted.status_code == 302
    assert refused.status_code == 422
    assert "Phụ lục «a.docx» không phải tệp PDF hoặc DOCX đọc được." in refused.content.decode()
    assert listed(document) == [(2, 1, "Phụ lục II.pdf", False)]


# ---------------------------------------------------------------- sealing at issue


def signed_with_attachments(
    s: Signing, attachments: list[SimpleUploadedFile] | None = None, **changes: Any
) -> OutgoingDocument:
    """A draft to be signed, with its attachments, approved and signed by the leader."""
    d = s.drafting
    document = create_draft(
        actor=d.drafter,
        draft=draft(d, reviewer=None, signature_required=True, **changes),
        file=decision_upload(),
        attachments=attachments or [annex_pdf("Phụ lục I.pdf"), annex_pdf("Phụ lục II.pdf")],
    )
    return leader_signed(s, document)


def leader_signed(s: Signing, document: OutgoingDocument) -> OutgoingDocument:
    document = approve(s, send_outgoing(actor=s.drafting.drafter, document=document))
    s.sandbox.sandbox.confirm(only_transaction(s))
    return finish_approval_signing(actor=s.drafting.cast.leader, document=document)


def test_issue_seals_every_attachment_with_the_number(
    signing: Signing, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = signing.drafting
    document = signed_with_attachments(signing)
    stamped: list[list[str]] = []
    real_lines = platform_attachments.attachment_lines

    def spy(notation: str, when: Any) -> list[str]:
        lines = real_lines(notation, when)
        stamped.append(lines)
        return lines

    monkeypatch.setattr(platform_attachments, "attachment_lines", spy)

    document = issue_outgoing(actor=d.cast.clerk, document=document)

    document.refresh_from_db()
    version = latest_version(document)
    assert version is not None
    assert (document.status, version.number) == (OutgoingStatus.ISSUED, 3)
    # The leader's signed version carried them over; the issued one has sealed copies.
    assert listed(document) == [
        (1, 1, "Phụ lục I.pdf", False),
        (1, 2, "Phụ lục II.pdf", False),
        (2, 1, "Phụ lục I.pdf", False),
        (2, 2, "Phụ lục II.pdf", False),
        (3, 1, "Phụ lục I.pdf", True),
        (3, 2, "Phụ lục II.pdf", True),
    ]
    assert (document.number, document.notation) == (1, "01/QĐ-UBND")
    assert [lines[0] for lines in stamped] == ["01/QĐ-UBND", "01/QĐ-UBND"]
    config = signature_config()
    assert config is not None
    for row in version.attachments.order_by("position"):
        with row.file.open("rb") as handle:
            sealed = handle.read()
        [report] = validate_pdf(sealed, config)
        # The organisation named in the test PKI's seal certificate.
        assert (report.field_name, report.organisation, report.intact, report.verdict) == (
            platform_attachments.FIELD,
            "UBND huyện Chợ Đồn",
            True,
            Verdict.VALID,
        )
        reader = PdfFileReader(BytesIO(sealed))
        [field] = [f.get_object() for f in reader.root["/AcroForm"]["/Fields"]]
        assert [round(float(n)) for n in field["/Rect"]] == [367, 778, 567, 814]
        assert (str(field["/V"]["/Name"]), str(field["/V"]["/Reason"])) == (
            "Tỉnh Tây Ninh",
            "Phát hành",
        )
    sealed_event = AuditEvent.objects.get(event_type="office.outgoing_sealed")
    assert sealed_event.details["attachments"] == 2


def test_a_failed_attachment_seal_issues_nothing_and_uses_no_number(
    signing: Signing, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = signing.drafting
    document = signed_with_attachments(signing)
    storage = OutgoingAttachment._meta.get_field("file").storage  # noqa: SLF001 - the files
    calls: list[str] = []
    real_seal = platform_attachments.seal_attachment

    def second_fails(pdf: bytes, backend: Any, **kwargs: Any) -> bytes:
        calls.append(kwargs["notation"])
        if len(calls) == 2:
            raise SigningError(SignatureErrorCode.KEY_UNAVAILABLE)
        return real_seal(pdf, backend, **kwargs)

    monkeypatch.setattr(SEAL, second_fails)
    before = stored_files(storage)

    error = caught(lambda: issue_outgoing(actor=d.cast.clerk, document=document))

    assert error.code == SignatureErrorCode.KEY_UNAVAILABLE
    document.refresh_from_db()
    assert (document.status, document.notation, document.number, document.versions.count()) == (
        OutgoingStatus.APPROVED,
        "",
        None,
        2,
    )
    assert RegisterEntry.objects.count() == 0
    assert OutgoingAttachment.objects.filter(sealed=True).count() == 0
    assert stored_files(storage) == before
    failed = AuditEvent.objects.get(event_type="office.outgoing_sealing_failed")
    assert failed.details["code"] == "signature.key_unavailable"
    # The next issue takes the number the failed one would have had (no gap).
    monkeypatch.setattr(SEAL, real_seal)
    issued = issue_outgoing(actor=d.cast.clerk, document=document)
    assert (issued.number, issued.notation, calls) == (
        1,
        "01/QĐ-UBND",
        ["01/QĐ-UBND", "01/QĐ-UBND"],
    )


def test_the_api_takes_and_lists_them(drafting: Drafting) -> None:
    d = drafting
    document = create_draft(actor=d.drafter, draft=draft(d), file=pdf())
    client = Client()
    login(client, d.drafter)
    url = f"/api/v1/office/outgoing/{document.pk}/versions"

    added = client.post(
        url, {"file": pdf(), "note": "", "attachments": [annex_pdf("Phụ lục I.pdf")]}
    )
    refused = client.post(url, {"file": pdf(), "attachments": [SimpleUploadedFile("a.docx", DOCX)]})

    assert added.status_code == 201
    assert [(v["number"], v["attachments"]) for v in added.json()["versions"]] == [
        (1, []),
        (2, [{"position": 1, "name": "Phụ lục I.pdf", "sealed": False}]),
    ]
    assert (refused.status_code, refused.json()["code"]) == (422, "office_attachment_not_pdf")
    assert document.versions.count() == 2


# ---------------------------------------------------------------- DOCX attachments
# Kept as uploaded, converted to PDF by the version's conversion job (the version
# waits), sealed at issue like any PDF. Without LibreOffice the conversion test skips
# saying why (EGOV_REQUIRE_TOOLS=1 makes it fail), and a DOCX is refused.

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

    document = issue_outgoing(actor=d.cast.clerk, document=leader_signed(signing, document))

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
