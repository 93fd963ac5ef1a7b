"""Outgoing documents: draft to issue, versions, who may act, links, replies, conversion."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections, connection
from django.utils import timezone

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    Direction,
    ExchangeStatus,
    Holder,
    HolderStatus,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    OutgoingStep,
    OutgoingVersion,
    Register,
    RegisterEntry,
    Relation,
    Secrecy,
    VersionStatus,
)
from egov.office.documents.reminders import remind_overdue
from egov.office.documents.selectors_outgoing import to_issue, to_review, visible_outgoing
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.services.outgoing import (
    ReviewAction,
    add_version,
    create_draft,
    issue_outgoing,
    review_outgoing,
    send_outgoing,
)
from egov.office.documents.tests.conftest import VN, letter, pdf, registered
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    SUMMARY,
    Drafting,
    approved,
    draft,
    drafted,
    drafting_fixture,
)
from egov.platform.audit.models import AuditEvent
from egov.platform.conversion.errors import ConversionError
from egov.platform.conversion.ocr import extract_text
from egov.platform.conversion.tests.conftest import require_tool
from egov.platform.conversion.tests.documents import docx
from egov.platform.conversion.tools import ConversionFailed, office_available
from egov.platform.core.errors import DomainError
from egov.platform.jobs.models import Job
from egov.platform.jobs.worker import run_due
from egov.platform.notifications.models import Notification

postgresql_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="row locks under real concurrency need PostgreSQL (SQLite serialises writers)",
)
ISSUERS = 50


def _snapshot() -> tuple[Any, ...]:
    return (
        list(OutgoingDocument.objects.order_by("pk").values()),
        list(OutgoingVersion.objects.order_by("pk").values("pk", "status", "file")),
        OutgoingStep.objects.count(),
        list(Register.objects.order_by("pk").values("pk", "last_number")),
        RegisterEntry.objects.count(),
        IncomingDocument.objects.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
        Job.objects.count(),
    )


def test_from_draft_to_issued(drafting: Drafting) -> None:
    d = drafting
    document = drafted(d)
    assert (document.status, document.body, document.drafting_unit) == (
        OutgoingStatus.DRAFT,
        d.office.province,
        d.office.justice,
    )
    document = send_outgoing(actor=d.drafter, document=document, note="Kính trình chị xem")
    assert list(to_review(d.cast.head)) == [document]
    document = review_outgoing(
        actor=d.cast.head, document=document, action=ReviewAction.PASS, note="Đồng ý trình"
    )
    assert list(to_review(d.cast.leader)) == [document]
    document = review_outgoing(actor=d.cast.leader, document=document, action=ReviewAction.APPROVE)
    assert list(to_issue(d.cast.clerk)) == [document]
    today = timezone.localdate()
    document = issue_outgoing(actor=d.cast.clerk, document=document)
    assert (document.status, document.number, document.notation, document.issued_on) == (
        OutgoingStatus.ISSUED,
        1,
        "01/QĐ-UBND",
        today,
    )
    assert document.register is not None
    assert (document.register.direction, document.register.year) == (
        Direction.OUTGOING,
        today.year,
    )
    # Phường Long An received it in its own incoming register, presented to its leader.
    unit_recipient = OutgoingRecipient.objects.get(document=document, kind="internal")
    incoming = unit_recipient.incoming
    assert incoming is not None
    assert (
        incoming.body,
        incoming.arrival_number,
        incoming.notation,
        incoming.sender,
        incoming.summary,
        incoming.channel,
        incoming.registered_by,
        incoming.leader,
        incoming.status,
    ) == (
        d.office.long_an,
        1,
        "01/QĐ-UBND",
        "Tỉnh Tây Ninh",
        SUMMARY,
        "electronic",
        d.long_an_clerk,
        d.long_an_leader,
        IncomingStatus.AWAITING_ASSIGNMENT,
    )
    assert incoming.file.read().startswith(b"%PDF-")
    outside = OutgoingRecipient.objects.get(document=document, kind="external")
    assert (outside.name, outside.exchange_status) == ("Bộ Tư pháp", ExchangeStatus.PENDING)
    assert list(document.steps.values_list("kind", "note")) == [
        ("drafted", ""),
        ("review", "Kính trình chị xem"),
        ("submitted", "Đồng ý trình"),
        ("approved", ""),
        ("issued", "01/QĐ-UBND"),
    ]
    assert list(
        AuditEvent.objects.filter(event_type__startswith="office.")
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == [
        "office.outgoing_drafted",
        "office.outgoing_sent",
        "office.outgoing_review_pass",
        "office.outgoing_review_approve",
        "office.number_issued",
        "office.incoming_registered",
        "office.outgoing_issued",
    ]
    titles = set(Notification.objects.values_list("recipient__username", "title"))
    assert {
        ("truongphong", "Dự thảo văn bản cần xem xét"),
        ("lanhdao", "Văn bản trình ký"),
        ("vanthu", "Văn bản đã duyệt, chờ cấp số phát hành"),
        ("chuyenvien.stp", "Văn bản đã được phát hành"),
        ("lanhdao.longan", "Văn bản đến chờ phân công"),
    } <= titles


def test_an_official_letter_names_the_drafting_unit(drafting: Drafting) -> None:
    document = issue_outgoing(
        actor=drafting.cast.clerk, document=approved(drafting, document_type=letter())
    )
    assert document.notation == "01/UBND-STP"


def test_versions_are_kept_and_a_return_sends_the_draft_back(drafting: Drafting) -> None:
    d = drafting
    document = send_outgoing(actor=d.drafter, document=drafted(d))
    document = review_outgoing(
        actor=d.cast.head, document=document, action=ReviewAction.RETURN, note="Sửa căn cứ"
    )
    assert document.status == OutgoingStatus.DRAFT
    add_version(actor=d.drafter, document=document, file=pdf(), note="Đã sửa căn cứ")
    document = send_outgoing(actor=d.drafter, document=document)
    document = review_outgoing(actor=d.cast.head, document=document, action=ReviewAction.PASS)
    document = review_outgoing(
        actor=d.cast.leader, document=document, action=ReviewAction.RETURN, note="Bổ sung nơi nhận"
    )
    assert document.status == OutgoingStatus.DRAFT
    assert list(document.versions.values_list("number", "note", "status")) == [
        (1, "", VersionStatus.READY),
        (2, "Đã sửa căn cứ", VersionStatus.READY),
    ]
    assert list(document.steps.values_list("kind", flat=True)) == [
        "drafted",
        "review",
        "returned",
        "version",
        "review",
        "submitted",
        "returned",
    ]


def test_a_return_needs_a_comment(drafting: Drafting) -> None:
    document = send_outgoing(actor=drafting.drafter, document=drafted(drafting))
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        review_outgoing(actor=drafting.cast.head, document=document, action=ReviewAction.RETURN)
    assert caught.value.code == OfficeError.INVALID_FIELD
    assert _snapshot() == before


def test_without_a_reviewer_the_draft_goes_straight_to_the_signer(drafting: Drafting) -> None:
    document = send_outgoing(actor=drafting.drafter, document=drafted(drafting, reviewer=None))
    assert document.status == OutgoingStatus.SUBMITTED


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"summary": "  "}, OfficeError.INVALID_FIELD),
        ({"internal_units": [], "external_names": []}, OfficeError.RECIPIENT_REQUIRED),
        ({"signer": "head"}, OfficeError.SIGNER_NOT_ELIGIBLE),
        ({"reviewer": "outsider"}, OfficeError.REVIEWER_NOT_ELIGIBLE),
        ({"relation": Relation.RECALL}, OfficeError.RELATED_INVALID),
        ({"secrecy": Secrecy.SECRET}, OfficeError.CONFIDENTIAL_NEEDS_PERSON),
    ],
)
def test_a_bad_draft_is_refused_with_a_code_and_leaves_nothing(
    drafting: Drafting, changes: dict[str, Any], code: str
) -> None:
    for key in ("signer", "reviewer"):
        if isinstance(changes.get(key), str):
            changes[key] = getattr(drafting.cast, changes[key])
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        drafted(drafting, **changes)
    assert caught.value.code == code
    assert _snapshot() == before


def test_a_file_that_is_neither_pdf_nor_docx_is_refused(drafting: Drafting) -> None:
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        create_draft(
            actor=drafting.drafter,
            draft=draft(drafting),
            file=SimpleUploadedFile("a.pdf", b"%PDF- not really", content_type="application/pdf"),
        )
    assert caught.value.code == OfficeError.FILE_NOT_DRAFT
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["drafter", "specialist", "outsider", "leader", "clerk", "admin"])
def test_only_the_reviewing_head_passes_it_on(drafting: Drafting, who: str) -> None:
    document = send_outgoing(actor=drafting.drafter, document=drafted(drafting))
    actor = drafting.drafter if who == "drafter" else getattr(drafting.cast, who)
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        review_outgoing(actor=actor, document=document, action=ReviewAction.PASS)
    assert caught.value.code == OfficeError.PERMISSION_DENIED
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["drafter", "head", "outsider", "clerk"])
def test_only_the_signer_approves(drafting: Drafting, who: str) -> None:
    document = send_outgoing(actor=drafting.drafter, document=drafted(drafting, reviewer=None))
    actor = drafting.drafter if who == "drafter" else getattr(drafting.cast, who)
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        review_outgoing(actor=actor, document=document, action=ReviewAction.APPROVE)
    assert caught.value.code == OfficeError.PERMISSION_DENIED
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["drafter", "head", "leader", "outsider", "long_an_clerk"])
def test_only_the_bodys_clerk_issues(drafting: Drafting, who: str) -> None:
    document = approved(drafting)
    actor = getattr(drafting, who) if hasattr(drafting, who) else getattr(drafting.cast, who)
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        issue_outgoing(actor=actor, document=document)
    assert caught.value.code == OfficeError.PERMISSION_DENIED
    # Nothing changed but the trail: a denied issue (which would apply the
    # organisation's signature) is an audit event (issue 12, security).
    after = _snapshot()
    assert after[:6] + after[7:] == before[:6] + before[7:]
    denied = AuditEvent.objects.order_by("-pk").first()
    assert denied is not None
    assert (after[6], denied.event_type, denied.actor_id) == (
        before[6] + 1,
        "office.outgoing_issue_denied",
        actor.pk,
    )


def test_only_the_drafter_changes_the_draft(drafting: Drafting) -> None:
    document = drafted(drafting)
    before = _snapshot()
    for someone in (drafting.cast.head, drafting.cast.specialist, drafting.cast.outsider):
        with pytest.raises(DomainError) as caught:
            add_version(actor=someone, document=document, file=pdf())
        assert caught.value.code == OfficeError.NOT_A_DRAFTER
        with pytest.raises(DomainError) as caught:
            send_outgoing(actor=someone, document=document)
        assert caught.value.code == OfficeError.NOT_A_DRAFTER
    assert _snapshot() == before


def test_an_issued_document_is_not_issued_twice(drafting: Drafting) -> None:
    document = issue_outgoing(actor=drafting.cast.clerk, document=approved(drafting))
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        issue_outgoing(actor=drafting.cast.clerk, document=document)
    assert caught.value.code == OfficeError.STATE_NOT_ALLOWED
    assert _snapshot() == before


def test_a_draft_not_yet_approved_is_not_issued(drafting: Drafting) -> None:
    document = send_outgoing(actor=drafting.drafter, document=drafted(drafting))
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        issue_outgoing(actor=drafting.cast.clerk, document=document)
    assert caught.value.code == OfficeError.STATE_NOT_ALLOWED
    assert _snapshot() == before


def test_a_failed_delivery_gives_the_number_back(drafting: Drafting) -> None:
    """Phường Tân Ninh has no leader to present to: nothing is issued, no number is used."""
    d = drafting
    document = approved(d, internal_units=[d.office.tan_ninh])
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        issue_outgoing(actor=d.cast.clerk, document=document)
    assert caught.value.code == OfficeError.NO_LEADER
    assert _snapshot() == before
    document.refresh_from_db()
    assert (document.status, document.number) == (OutgoingStatus.APPROVED, None)
    next_one = issue_outgoing(actor=d.cast.clerk, document=approved(d))
    assert next_one.number == 1


def test_recall_and_replacement_link_the_documents(drafting: Drafting) -> None:
    d = drafting
    first = issue_outgoing(actor=d.cast.clerk, document=approved(d))
    second = issue_outgoing(actor=d.cast.clerk, document=approved(d))
    replacement = issue_outgoing(
        actor=d.cast.clerk,
        document=approved(
            d, relation=Relation.REPLACE, related=first, summary="Thay thế Quyết định 01"
        ),
    )
    recall = issue_outgoing(
        actor=d.cast.clerk,
        document=approved(d, relation=Relation.RECALL, related=second, summary="Thu hồi 02"),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (OutgoingStatus.REPLACED, OutgoingStatus.RECALLED)
    assert list(first.changed_by.values_list("notation", "relation")) == [("03/QĐ-UBND", "replace")]
    assert list(second.changed_by.values_list("notation", "relation")) == [("04/QĐ-UBND", "recall")]
    assert (replacement.related, recall.related) == (first, second)
    # A recalled document cannot be recalled or replaced again.
    with pytest.raises(DomainError) as caught:
        drafted(d, relation=Relation.RECALL, related=second)
    assert caught.value.code == OfficeError.RELATED_INVALID


def test_a_correction_keeps_the_corrected_document_in_force(drafting: Drafting) -> None:
    d = drafting
    first = issue_outgoing(actor=d.cast.clerk, document=approved(d))
    correction = issue_outgoing(
        actor=d.cast.clerk,
        document=approved(
            d, relation=Relation.CORRECT, related=first, summary="Đính chính Quyết định 01"
        ),
    )
    first.refresh_from_db()
    assert first.status == OutgoingStatus.CORRECTED
    assert first.get_status_display() == "Đã được đính chính"
    assert list(first.changed_by.values_list("notation", "relation")) == [("02/QĐ-UBND", "correct")]
    assert correction.related == first
    # Still in force: it can be corrected again, then recalled, which ends it.
    issue_outgoing(
        actor=d.cast.clerk,
        document=approved(d, relation=Relation.CORRECT, related=first, summary="Đính chính lần 2"),
    )
    first.refresh_from_db()
    assert first.status == OutgoingStatus.CORRECTED
    issue_outgoing(
        actor=d.cast.clerk,
        document=approved(d, relation=Relation.RECALL, related=first, summary="Thu hồi 01"),
    )
    first.refresh_from_db()
    assert first.status == OutgoingStatus.RECALLED
    with pytest.raises(DomainError) as caught:
        drafted(d, relation=Relation.CORRECT, related=first)
    assert caught.value.code == OfficeError.RELATED_INVALID


def test_a_reply_completes_the_handling_of_the_incoming_document(drafting: Drafting) -> None:
    d = drafting
    incoming = registered(d.cast, d.office)
    incoming = assign_incoming(
        actor=d.cast.leader,
        document=incoming,
        assignment=Assignment(lead_unit=d.office.justice, coordinating_users=[d.drafter]),
    )
    reply = approved(d, reply_to=incoming, internal_units=[], summary="Trả lời Bộ Tư pháp")
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.IN_PROGRESS
    reply = issue_outgoing(actor=d.cast.clerk, document=reply)
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.COMPLETED
    assert incoming.completed_at is not None
    assert set(Holder.objects.filter(document=incoming).values_list("status", flat=True)) == {
        HolderStatus.DONE
    }
    assert list(incoming.actions.order_by("pk").values_list("kind", "note"))[-1] == (
        "completed",
        "Đã trả lời bằng văn bản số 01/QĐ-UBND.",
    )
    assert AuditEvent.objects.filter(event_type="office.incoming_completed_by_reply").count() == 1


def test_a_reply_needs_an_incoming_document_the_drafter_sees(drafting: Drafting) -> None:
    incoming = registered(drafting.cast, drafting.office)  # not assigned: the drafter cannot see it
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        drafted(drafting, reply_to=incoming)
    assert caught.value.code == OfficeError.REPLY_INVALID
    assert _snapshot() == before


def test_who_sees_a_draft(drafting: Drafting) -> None:
    d = drafting
    document = drafted(d)
    secret = drafted(d, secrecy=Secrecy.SECRET, internal_units=[])
    assert set(visible_outgoing(d.drafter)) == {document, secret}
    assert set(visible_outgoing(d.cast.head)) == {document, secret}  # named reviewer
    assert set(visible_outgoing(d.cast.clerk)) == {document}  # secret: only once approved
    assert set(visible_outgoing(d.cast.outsider)) == set()
    assert set(visible_outgoing(d.cast.citizen)) == set()


def test_overdue_documents_are_reminded_once_a_day(drafting: Drafting) -> None:
    d = drafting
    incoming = registered(d.cast, d.office)
    with time_machine.travel(datetime(2026, 3, 4, 9, 0, tzinfo=VN), tick=False):
        assign_incoming(
            actor=d.cast.leader,
            document=incoming,
            assignment=Assignment(
                lead_unit=d.office.justice, coordinating_users=[d.drafter], working_days=1
            ),
        )
    # Due at 9:00 on Thursday 5 March 2026.
    on_time = datetime(2026, 3, 5, 8, 0, tzinfo=VN)
    late = datetime(2026, 3, 5, 10, 0, tzinfo=VN)
    assert remind_overdue(on_time) == 0
    assert remind_overdue(late) == 2
    assert remind_overdue(late + timedelta(hours=5)) == 0
    told = Notification.objects.filter(title="Văn bản đến quá hạn xử lý")
    assert sorted(told.values_list("recipient__username", flat=True)) == [
        "chuyenvien.stp",
        "truongphong",
    ]
    assert remind_overdue(late + timedelta(days=1)) == 2
    assert told.count() == 4
    # A completed document is not reminded.
    IncomingDocument.objects.filter(pk=incoming.pk).update(status=IncomingStatus.COMPLETED)
    assert remind_overdue(late + timedelta(days=2)) == 0


def test_a_docx_draft_is_converted_in_a_background_job(drafting: Drafting) -> None:
    require_tool(office_available(), "libreoffice-writer-nogui fonts-liberation2")
    text = "QUYẾT ĐỊNH Về việc phê duyệt Kế hoạch cải cách hành chính năm 2026"
    upload = SimpleUploadedFile("du-thao.docx", docx([text]))
    document = create_draft(actor=drafting.drafter, draft=draft(drafting), file=upload)
    version = document.versions.get()
    assert (version.status, version.file.name) == (VersionStatus.CONVERTING, "")
    assert list(Job.objects.values_list("task", "kwargs")) == [
        ("office.convert_draft", {"version": version.pk})
    ]
    with pytest.raises(DomainError) as caught:
        send_outgoing(actor=drafting.drafter, document=document)
    assert caught.value.code == OfficeError.VERSION_NOT_READY
    run_due()
    version.refresh_from_db()
    assert version.status == VersionStatus.READY
    assert " ".join(extract_text(version.file.read()).split()) == text
    assert version.source.name.endswith(".docx")
    assert send_outgoing(actor=drafting.drafter, document=document).status == "in_review"


def test_a_failed_conversion_is_recorded_with_its_code(
    drafting: Drafting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("egov.office.documents.files.office_available", lambda: True)

    def too_slow(data: bytes, *, suffix: str = ".docx") -> bytes:
        raise ConversionFailed(ConversionError.CONVERSION_TIMEOUT, "Quá thời gian xử lý tệp.")

    monkeypatch.setattr("egov.platform.conversion.office.to_pdf", too_slow)
    upload = SimpleUploadedFile("du-thao.docx", docx(["Dự thảo"]))
    document = create_draft(actor=drafting.drafter, draft=draft(drafting), file=upload)
    run_due()
    version = document.versions.get()
    assert (version.status, version.error_code, version.file.name) == (
        VersionStatus.FAILED,
        "conversion_timeout",
        "",
    )
    assert Notification.objects.filter(
        recipient=drafting.drafter, title="Không chuyển được dự thảo sang PDF"
    ).exists()
    assert AuditEvent.objects.filter(event_type="office.outgoing_conversion_failed").count() == 1


def test_without_libreoffice_a_docx_is_refused_with_a_code(
    drafting: Drafting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("egov.office.documents.files.office_available", lambda: False)
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        create_draft(
            actor=drafting.drafter,
            draft=draft(drafting),
            file=SimpleUploadedFile("du-thao.docx", docx(["Dự thảo"])),
        )
    assert caught.value.code == ConversionError.CONVERTER_UNAVAILABLE
    assert _snapshot() == before


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fifty_documents_issued_at_once_get_1_to_50(drafting: Drafting) -> None:
    d = drafting
    documents = [approved(d, reviewer=None) for _ in range(ISSUERS)]
    barrier = threading.Barrier(ISSUERS)
    errors: list[BaseException] = []

    def clerk(document: OutgoingDocument) -> None:
        try:
            barrier.wait(timeout=30)
            issue_outgoing(actor=d.cast.clerk, document=document)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=clerk, args=(doc,)) for doc in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    assert errors == []
    issued = OutgoingDocument.objects.filter(status=OutgoingStatus.ISSUED)
    assert sorted(n or 0 for n in issued.values_list("number", flat=True)) == list(
        range(1, ISSUERS + 1)
    )
    assert sorted(issued.values_list("notation", flat=True)) == sorted(
        f"{n:02d}/QĐ-UBND" for n in range(1, ISSUERS + 1)
    )
    # Every one reached Phường Long An: its arrival numbers are gapless too.
    assert sorted(
        IncomingDocument.objects.filter(body=d.office.long_an).values_list(
            "arrival_number", flat=True
        )
    ) == list(range(1, ISSUERS + 1))
    assert sorted(RegisterEntry.objects.values_list("number", flat=True)) == list(
        range(1, ISSUERS + 1)
    )
