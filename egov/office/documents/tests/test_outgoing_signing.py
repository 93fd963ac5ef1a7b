"""Digital signatures in the outgoing flow (issue 12): the leader's signature
at approval through the remote sandbox, the organisation's seal at issue,
refusals, time-outs, denied access, the audit trail, and no setup."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pytest_django.fixtures import Settings as Settings

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import OutgoingDocument, OutgoingStatus, RegisterEntry
from egov.office.documents.services.outgoing import (
    ReviewAction,
    create_draft,
    issue_outgoing,
    latest_version,
    review_outgoing,
    send_outgoing,
)
from egov.office.documents.services.signing import (
    finish_approval_signing,
    pending_signing,
    start_approval_signing,
)
from egov.office.documents.signing import written_date
from egov.office.documents.tests.conftest import pdf
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    Drafting,
    draft,
    drafting_fixture,
)
from egov.office.documents.tests.signing_fixtures import (  # noqa: F401 - the fixtures
    LEADER_BOX,
    Signing,
    signing_fixture,
    submitted_for_signature,
    test_pki_fixture,
)
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import DomainError
from egov.platform.signatures.config import signature_config
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.models import PendingSigning, SignerProfile
from egov.platform.signatures.placeholders import Box, add_signature_fields, seal_box
from egov.platform.signatures.tests.documents import decision_with_fields
from egov.platform.signatures.tests.images import signature_png
from egov.platform.signatures.validation import Modification, Verdict, validate_pdf

pytestmark = pytest.mark.django_db

SECRET_WORDS = ("mật-khẩu-con-dấu", "passphrase", "EGOV_TEST_SEAL_PASSPHRASE")


def outgoing_events(document: OutgoingDocument) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_type__model="outgoingdocument", target_id=str(document.pk))
        .order_by("pk")
        .values_list("event_type", flat=True)
    )


def approve(s: Signing, document: OutgoingDocument) -> OutgoingDocument:
    return review_outgoing(
        actor=s.drafting.cast.leader, document=document, action=ReviewAction.APPROVE, note="Đồng ý"
    )


def only_transaction(s: Signing) -> str:
    (tid,) = s.sandbox.sandbox.transactions
    return tid


def signed_by_leader(s: Signing) -> OutgoingDocument:
    document = approve(s, submitted_for_signature(s.drafting))
    s.sandbox.sandbox.confirm(only_transaction(s))
    return finish_approval_signing(actor=s.drafting.cast.leader, document=document)


def caught(call: object) -> DomainError:
    with pytest.raises(DomainError) as raised:
        call()  # type: ignore[operator]
    return raised.value


def test_approval_asks_the_leaders_phone_and_waits(signing: Signing) -> None:
    document = approve(signing, submitted_for_signature(signing.drafting))

    document.refresh_from_db()
    pending = pending_signing(document)
    assert pending is not None
    assert (document.status, pending.signer, pending.revision, pending.note) == (
        OutgoingStatus.SUBMITTED,
        signing.drafting.cast.leader,
        1,
        "Đồng ý",
    )
    assert document.versions.count() == 1
    assert outgoing_events(document)[-1] == "office.outgoing_signing_started"

    # Polled before the leader answers: nothing changes.
    assert finish_approval_signing(actor=signing.drafting.cast.leader, document=document)
    document.refresh_from_db()
    assert (document.status, PendingSigning.objects.count()) == (OutgoingStatus.SUBMITTED, 1)


def test_the_confirmed_signature_approves_with_a_new_signed_version(signing: Signing) -> None:
    document = signed_by_leader(signing)

    document.refresh_from_db()
    version = latest_version(document)
    assert version is not None
    assert (document.status, version.number, version.note) == (
        OutgoingStatus.APPROVED,
        2,
        "Bản đã được lãnh đạo ký số",
    )
    assert PendingSigning.objects.count() == 0
    config = signature_config()
    assert config is not None
    with version.file.open("rb") as handle:
        reports = validate_pdf(handle.read(), config)
    assert [(r.field_name, r.intact, r.trusted, r.verdict) for r in reports] == [
        ("LanhDao", True, True, Verdict.VALID)
    ]
    assert outgoing_events(document)[-3:] == [
        "office.outgoing_signing_started",
        "office.outgoing_signed",
        "office.outgoing_review_approve",
    ]


def test_the_fields_are_laid_out_from_the_configured_box(signing: Signing) -> None:
    document = signed_by_leader(signing)

    version = latest_version(document)
    assert version is not None
    with version.file.open("rb") as handle:
        reader = PdfFileReader(BytesIO(handle.read()))
    rects = {}
    for annotation in reader.root["/AcroForm"]["/Fields"]:
        field = annotation.get_object()
        if field.get("/FT") == "/Sig":
            rects[str(field["/T"])] = [round(float(n)) for n in field["/Rect"]]
    _page, x1, y1, x2, y2 = LEADER_BOX
    seal = seal_box(Box(page=0, x1=x1, y1=y1, x2=x2, y2=y2), signature_png())
    assert rects == {
        "LanhDao": [330, 90, 530, 190],
        "CoQuan": [seal.x1, seal.y1, seal.x2, seal.y2],
    }
    # The 300 x 120 px image fills the 72 pt above the name: 180 x 72 pt from
    # (330, 118). The 100 pt seal ends a third into it (x 390) and is centred
    # on it (y 154); the organisation's name and time take 150 pt to its left.
    assert (seal.x1, seal.y1, seal.x2, seal.y2) == (140, 104, 390, 204)


def test_a_refusal_leaves_the_document_submitted_and_says_so(signing: Signing) -> None:
    leader = signing.drafting.cast.leader
    SignerProfile.objects.filter(user=leader).update(remote_account="hung.refuses")
    document = approve(signing, submitted_for_signature(signing.drafting))

    error = caught(lambda: finish_approval_signing(actor=leader, document=document))

    assert (error.code, error.message) == (
        "signature.remote_refused",
        "Người ký đã từ chối yêu cầu ký số từ xa.",
    )
    document.refresh_from_db()
    assert (document.status, document.versions.count(), PendingSigning.objects.count()) == (
        OutgoingStatus.SUBMITTED,
        1,
        0,
    )
    failed = AuditEvent.objects.filter(event_type="office.outgoing_signing_failed").get()
    assert (failed.actor, failed.details["code"], failed.details["step"]) == (
        leader,
        "signature.remote_refused",
        "finish",
    )


def test_a_time_out_leaves_the_document_submitted_and_says_so(signing: Signing) -> None:
    leader = signing.drafting.cast.leader
    SignerProfile.objects.filter(user=leader).update(remote_account="hung.silent")
    document = approve(signing, submitted_for_signature(signing.drafting))
    signing.clock.now += 121

    error = caught(lambda: finish_approval_signing(actor=leader, document=document))

    assert (error.code, error.message) == (
        "signature.remote_timeout",
        "Hết thời gian chờ người ký xác nhận yêu cầu ký số từ xa.",
    )
    document.refresh_from_db()
    assert (document.status, document.versions.count(), PendingSigning.objects.count()) == (
        OutgoingStatus.SUBMITTED,
        1,
        0,
    )


def test_another_user_cannot_sign_for_the_leader(signing: Signing) -> None:
    cast = signing.drafting.cast
    document = approve(signing, submitted_for_signature(signing.drafting))
    signing.sandbox.sandbox.confirm(only_transaction(signing))

    for intruder in (cast.head, cast.clerk, signing.drafting.drafter):
        error = caught(lambda u=intruder: finish_approval_signing(actor=u, document=document))
        assert error.code == OfficeError.PERMISSION_DENIED
        error = caught(
            lambda u=intruder: review_outgoing(
                actor=u, document=document, action=ReviewAction.APPROVE
            )
        )
        assert error.code == OfficeError.PERMISSION_DENIED

    document.refresh_from_db()
    assert (document.status, document.versions.count(), PendingSigning.objects.count()) == (
        OutgoingStatus.SUBMITTED,
        1,
        1,
    )
    # Every attempt is audited: three to finish, three to approve.
    failed = AuditEvent.objects.filter(event_type="office.outgoing_signing_failed")
    assert sorted((e.actor_id, e.details["step"]) for e in failed) == sorted(
        (u.pk, step)
        for u in (cast.head, cast.clerk, signing.drafting.drafter)
        for step in ("start", "finish")
    )


def test_a_return_ends_the_pending_signing(signing: Signing) -> None:
    leader = signing.drafting.cast.leader
    document = approve(signing, submitted_for_signature(signing.drafting))

    review_outgoing(
        actor=leader, document=document, action=ReviewAction.RETURN, note="Sửa lại điều 2"
    )

    document.refresh_from_db()
    assert (document.status, PendingSigning.objects.count()) == (OutgoingStatus.DRAFT, 0)


def test_a_leader_without_an_image_signs_nothing(signing: Signing) -> None:
    leader = signing.drafting.cast.leader
    SignerProfile.objects.filter(user=leader).update(signature_image="")
    document = submitted_for_signature(signing.drafting)

    error = caught(lambda: approve(signing, document))

    assert (error.code, error.message) == (
        "signature.signature_image_missing",
        "Người ký chưa tải lên ảnh chữ ký tay (PNG nền trong suốt).",
    )
    document.refresh_from_db()
    assert (
        document.status,
        PendingSigning.objects.count(),
        signing.sandbox.sandbox.transactions,
    ) == (
        OutgoingStatus.SUBMITTED,
        0,
        {},
    )


def test_issue_writes_number_and_date_and_seals(signing: Signing) -> None:
    d = signing.drafting
    document = signed_by_leader(signing)

    document = issue_outgoing(actor=d.cast.clerk, document=document)

    document.refresh_from_db()
    version = latest_version(document)
    assert version is not None
    assert (document.status, version.number, version.note) == (
        OutgoingStatus.ISSUED,
        3,
        "Bản phát hành có chữ ký số của cơ quan",
    )
    with version.file.open("rb") as handle:
        issued = handle.read()
    config = signature_config()
    assert config is not None
    reports = validate_pdf(issued, config)
    assert [
        (r.field_name, r.intact, r.trusted, r.modification, r.changes_permitted, r.verdict)
        for r in reports
    ] == [
        ("LanhDao", True, True, Modification.FORM_FILLING, True, Verdict.VALID),
        ("CoQuan", True, True, Modification.NONE, True, Verdict.VALID),
    ]
    fields = PdfFileReader(BytesIO(issued)).root["/AcroForm"]["/Fields"]
    values = {
        str(f.get_object()["/T"]): str(f.get_object().get("/V"))
        for f in fields
        if f.get_object().get("/FT") == "/Tx"
    }
    assert values == {
        "so_ky_hieu": document.notation,
        "ngay_ban_hanh": written_date(timezone.localdate()),
    }
    assert outgoing_events(document)[-2:] == ["office.outgoing_sealed", "office.outgoing_issued"]
    # The recipient unit receives the sealed PDF.
    recipient = document.recipients.get(unit=d.office.long_an)
    assert recipient.incoming is not None
    with recipient.incoming.file.open("rb") as handle:
        assert handle.read() == issued


def test_a_specialist_cannot_issue_and_nothing_changes(signing: Signing) -> None:
    d = signing.drafting
    document = signed_by_leader(signing)

    error = caught(lambda: issue_outgoing(actor=d.drafter, document=document))

    assert error.code == OfficeError.PERMISSION_DENIED
    document.refresh_from_db()
    assert (document.status, document.notation, document.versions.count()) == (
        OutgoingStatus.APPROVED,
        "",
        2,
    )
    assert RegisterEntry.objects.count() == 0
    denied = AuditEvent.objects.filter(event_type="office.outgoing_issue_denied").get()
    assert (denied.actor_id, denied.details["code"]) == (
        d.drafter.pk,
        "office_permission_denied",
    )


def test_a_second_request_and_a_finish_with_nothing_pending_are_audited(
    signing: Signing,
) -> None:
    leader = signing.drafting.cast.leader
    document = approve(signing, submitted_for_signature(signing.drafting))

    twice = caught(lambda: start_approval_signing(actor=leader, document=document))
    signing.sandbox.sandbox.refuse(only_transaction(signing))
    caught(lambda: finish_approval_signing(actor=leader, document=document))
    nothing = caught(lambda: finish_approval_signing(actor=leader, document=document))

    assert (twice.code, nothing.code) == (
        OfficeError.SIGNING_PENDING,
        OfficeError.NO_PENDING_SIGNING,
    )
    failed = AuditEvent.objects.filter(event_type="office.outgoing_signing_failed").order_by("pk")
    assert [(e.actor_id, e.details["step"], e.details["code"]) for e in failed] == [
        (leader.pk, "start", "office_signing_pending"),
        (leader.pk, "finish", "signature.remote_refused"),
        (leader.pk, "finish", "office_no_pending_signing"),
    ]


def test_a_failed_seal_gives_the_number_back_and_is_audited(
    signing: Signing, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = signing.drafting
    document = signed_by_leader(signing)
    monkeypatch.delenv("EGOV_TEST_SEAL_PASSPHRASE")

    error = caught(lambda: issue_outgoing(actor=d.cast.clerk, document=document))

    assert (error.code, error.message) == (
        "signature.key_unavailable",
        "Không mở được khóa ký của cơ quan.",
    )
    document.refresh_from_db()
    assert (document.status, document.notation, document.versions.count()) == (
        OutgoingStatus.APPROVED,
        "",
        2,
    )
    assert RegisterEntry.objects.count() == 0
    failed = AuditEvent.objects.get(event_type="office.outgoing_sealing_failed")
    assert (failed.actor, failed.details["code"]) == (d.cast.clerk, "signature.key_unavailable")


def test_no_secret_in_the_database_or_the_audit(
    signing: Signing, caplog: pytest.LogCaptureFixture
) -> None:
    document = signed_by_leader(signing)
    issue_outgoing(actor=signing.drafting.cast.clerk, document=document)

    texts = [str(e.details) for e in AuditEvent.objects.all()]
    texts += [p.state for p in PendingSigning.objects.all()]
    texts.append(caplog.text)
    assert [word for word in SECRET_WORDS for text in texts if word in text] == []


def test_without_a_signature_setup_approval_is_refused_as_before(
    drafting: Drafting, settings: Settings
) -> None:
    settings.EGOV_SIGNATURES = None
    document = send_outgoing(
        actor=drafting.drafter,
        document=create_draft(
            actor=drafting.drafter,
            draft=draft(drafting, reviewer=None, signature_required=True),
            file=pdf(),
        ),
    )

    error = caught(
        lambda: review_outgoing(
            actor=drafting.cast.leader, document=document, action=ReviewAction.APPROVE
        )
    )

    assert (error.code, error.message) == (
        "office_signature_required",
        "Văn bản này cần chữ ký số của người ký; chức năng ký số chưa được cấu hình.",
    )
    document.refresh_from_db()
    assert document.status == OutgoingStatus.SUBMITTED


def test_signing_errors_are_domain_errors() -> None:
    assert issubclass(SigningError, DomainError)


def test_the_templates_placeholders_are_used_as_laid_out(signing: Signing) -> None:
    d = signing.drafting
    placed = add_signature_fields(
        decision_with_fields(),
        [
            ("LanhDao", Box(page=0, x1=300, y1=100, x2=520, y2=200)),
            ("CoQuan", Box(page=0, x1=100, y1=110, x2=373, y2=210)),
        ],
    )
    document = send_outgoing(
        actor=d.drafter,
        document=create_draft(
            actor=d.drafter,
            draft=draft(d, reviewer=None, signature_required=True),
            file=SimpleUploadedFile("du-thao.pdf", placed, "application/pdf"),
        ),
    )
    approve(signing, document)
    signing.sandbox.sandbox.confirm(only_transaction(signing))
    document = finish_approval_signing(actor=d.cast.leader, document=document)

    version = latest_version(document)
    assert version is not None
    with version.file.open("rb") as handle:
        reader = PdfFileReader(BytesIO(handle.read()))
    rects = {
        str(f.get_object()["/T"]): [round(float(n)) for n in f.get_object()["/Rect"]]
        for f in reader.root["/AcroForm"]["/Fields"]
        if f.get_object().get("/FT") == "/Sig"
    }
    assert rects == {"LanhDao": [300, 100, 520, 200], "CoQuan": [100, 110, 373, 210]}


def test_without_a_placeholder_or_a_box_approval_is_refused(
    signing: Signing, settings: Settings
) -> None:
    settings.EGOV_SIGNATURE_BOXES = {"TB": [-1, 330, 90, 530, 190]}
    document = submitted_for_signature(signing.drafting)

    error = caught(lambda: approve(signing, document))

    assert (error.code, error.message) == (
        "office_signature_box_missing",
        "Chưa xác định được vị trí chữ ký: văn bản không có ô chữ ký "
        "và loại văn bản chưa được cấu hình vị trí.",
    )
    document.refresh_from_db()
    assert (document.status, PendingSigning.objects.count()) == (OutgoingStatus.SUBMITTED, 0)
    failed = AuditEvent.objects.get(event_type="office.outgoing_signing_failed")
    assert failed.details["code"] == "office_signature_box_missing"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (date(2026, 2, 14), "ngày 14 tháng 02 năm 2026"),
        (date(2026, 12, 6), "ngày 06 tháng 12 năm 2026"),
    ],
)
def test_the_written_date_follows_decree_30(day: date, text: str) -> None:
    assert written_date(day) == text
