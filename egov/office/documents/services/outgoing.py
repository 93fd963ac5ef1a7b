"""Outgoing documents: draft, review, sign, number and issue (Decree 30/2020/NĐ-CP art. 10-19).

- A specialist drafts: a PDF, or a DOCX that a background job converts to
  PDF with LibreOffice (task `office.convert_draft`); every upload is a new
  version, the earlier ones are kept.
- The head of the drafting unit reviews (comment, return, pass on); the
  signing leader approves or returns with comments.
- The clerk numbers the approved document from the body's outgoing register
  (numbering.take_number through registers.issue_number, in the issuing
  transaction: gapless, and a number can never be taken twice) on the day of
  issue, and issues it: each recipient unit of the deployment gets it as an
  incoming document (services/incoming.receive_issued), outside agencies
  wait for the inter-agency exchange. Issuing a reply completes the incoming
  document it answers; issuing a recall or replacement marks the related one.

Locks, in this order everywhere: the document, the recipients' incoming
registers (by pk), the outgoing register, the audit chain head last.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader

from egov.office.documents import files
from egov.office.documents.errors import OfficeError
from egov.office.documents.events import OutgoingIssued
from egov.office.documents.models import (
    IN_FORCE,
    ActionKind,
    Channel,
    Direction,
    DocumentType,
    ExchangeStatus,
    Holder,
    HolderStatus,
    IncomingAttachment,
    IncomingDocument,
    IncomingStatus,
    OutgoingAttachment,
    OutgoingDocument,
    OutgoingStatus,
    OutgoingStep,
    OutgoingVersion,
    RecipientKind,
    Register,
    Relation,
    Secrecy,
    StepKind,
    Urgency,
    VersionStatus,
)
from egov.office.documents.public_text import refreshed, search_text
from egov.office.documents.selectors import incoming_for_user
from egov.office.documents.selectors_outgoing import visible_outgoing
from egov.office.documents.services import attachments as annex
from egov.office.documents.services import common
from egov.office.documents.services.common import required_text
from egov.office.documents.services.incoming import Arrival, receive_issued
from egov.office.documents.services.recipients import (
    Recipients,
    checked_recipients,
    create_recipients,
)
from egov.office.documents.services.registers import issue_number, register_for
from egov.office.documents.signing import PURPOSE as SIGNING_PURPOSE
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, NotFound, PermissionDenied
from egov.platform.core.events import publish
from egov.platform.jobs.queue import enqueue
from egov.platform.notifications.models import NotificationKind
from egov.platform.notifications.services import Message, notify
from egov.platform.organisation.models import Unit
from egov.platform.signatures.config import signature_config
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.models import PendingSigning

logger = logging.getLogger(__name__)

CONVERT_TASK = "office.convert_draft"


@dataclass(frozen=True)
class Draft:
    """What the specialist fills in."""

    document_type: DocumentType
    summary: str
    signer: User
    reviewer: User | None = None
    urgency: str = Urgency.NORMAL
    secrecy: str = Secrecy.NONE
    internal_units: Sequence[Unit] = field(default_factory=tuple)
    external_names: Sequence[str] = field(default_factory=tuple)
    # Identifiers (mã định danh) of agencies of the exchange directory.
    exchange_agencies: Sequence[str] = field(default_factory=tuple)
    reply_to: IncomingDocument | None = None
    relation: str = Relation.NONE
    related: OutgoingDocument | None = None
    # The leader signs digitally when approving (services/signing.py).
    signature_required: bool = False


class ReviewAction(StrEnum):
    COMMENT = "comment"
    RETURN = "return"
    PASS = "pass"  # noqa: S105 - the head passes it on to the signer
    APPROVE = "approve"  # the signer signs off


# ---------------------------------------------------------------- helpers


def _audit(document: OutgoingDocument, actor: User | None, event: str, **details: Any) -> None:
    """The audit event, last: the chain head is the last lock a service takes."""
    record_event(
        event_type=f"office.outgoing_{event}",
        actor=actor,
        target=document,
        unit=document.body,
        details={"notation": document.notation, **details},
    )


def _step(document: OutgoingDocument, actor: User, kind: StepKind, note: str = "") -> None:
    OutgoingStep.objects.create(document=document, actor=actor, kind=kind, note=note)


def _tell(document: OutgoingDocument, recipient: User, *, title: str, event: str) -> None:
    body = _("%(type)s: %(summary)s") % {
        "type": document.document_type.name,
        "summary": document.summary,
    }
    notify(
        kind=NotificationKind.OFFICE_DOCUMENT,
        recipient=recipient,
        address="",
        message=Message(title=title, body=body, email_body=body),
        dedupe_key=f"office:outgoing:{document.pk}:{event}:{recipient.pk}",
        link=f"/van-ban/di/{document.pk}/",
    )


def _locked(document: OutgoingDocument) -> OutgoingDocument:
    return (
        OutgoingDocument.objects.select_for_update(of=("self",))
        .select_related("body", "document_type", "drafting_unit")
        .get(pk=document.pk)
    )


def drafting_unit_of(actor: User) -> Unit:
    membership = (
        Membership.objects.filter(user=actor, unit__is_active=True)
        .exclude(role=Role.ADMINISTRATOR)
        .select_related("unit")
        .order_by("pk")
        .first()
    )
    if membership is None or not actor.is_active:
        raise PermissionDenied(
            OfficeError.PERMISSION_DENIED, _("Chỉ cán bộ của một đơn vị mới soạn được văn bản đi.")
        )
    return membership.unit


def issuing_body(unit: Unit) -> Unit:
    """The body whose register numbers the unit's documents: the nearest unit with a clerk."""
    ancestors: list[Unit] = []
    current: Unit | None = unit
    while current is not None and len(ancestors) <= unit.depth:
        if current.is_active:
            ancestors.append(current)
        current = current.parent
    for candidate in ancestors:
        if Membership.objects.filter(
            unit=candidate, role=Role.CLERK, user__is_active=True
        ).exists():
            return candidate
    raise InvalidInput(
        OfficeError.REGISTER_NOT_FOUND,
        _("Không có văn thư nào ở «%(unit)s» hoặc cấp trên để cấp số văn bản.")
        % {"unit": unit.name},
    )


def _new_version(
    document: OutgoingDocument,
    actor: User,
    kind: str,
    upload: UploadedFile,
    note: str,
    stored: list[OutgoingVersion | OutgoingAttachment],
) -> OutgoingVersion:
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = OutgoingVersion(document=document, number=last + 1, created_by=actor, note=note)
    target = version.file if kind == "pdf" else version.source
    target.save(upload.name or "du-thao", upload, save=False)
    stored.append(version)
    version.save()
    if kind == "docx":
        _converting(version)
    return version


def _converting(version: OutgoingVersion) -> None:
    """The version waits for LibreOffice (its DOCX main file or attachments); the job
    commits with the version, or never exists (services/conversion.py)."""
    version.status = VersionStatus.CONVERTING
    version.save(update_fields=["status"])
    enqueue(CONVERT_TASK, version=version.pk, unique_key=f"office-convert:{version.pk}")


def _remove_files(stored: Sequence[OutgoingVersion | OutgoingAttachment]) -> None:
    for row in stored:
        for stored_file in (row.file, row.source):
            if stored_file.name:
                stored_file.storage.delete(stored_file.name)


def _check_people(body: Unit, drafting_unit: Unit, draft: Draft) -> None:
    if not draft.signer.is_active or not has_role_over(draft.signer, body, [Role.LEADER]):
        raise InvalidInput(
            OfficeError.SIGNER_NOT_ELIGIBLE,
            _("Người ký phải là lãnh đạo của cơ quan ban hành."),
        )
    if draft.reviewer is not None and (
        not draft.reviewer.is_active
        or not has_role_over(draft.reviewer, drafting_unit, [Role.HEAD, Role.LEADER])
    ):
        raise InvalidInput(
            OfficeError.REVIEWER_NOT_ELIGIBLE,
            _("Người xem xét phải là lãnh đạo của đơn vị soạn thảo."),
        )


def _checked_draft(actor: User, body: Unit, draft: Draft) -> tuple[str, Recipients]:
    summary = required_text(draft.summary, _("trích yếu"), limit=2000)
    if draft.urgency not in Urgency.values or draft.secrecy not in Secrecy.values:
        raise InvalidInput(OfficeError.INVALID_FIELD, _("Độ khẩn hoặc độ mật không hợp lệ."))
    if draft.relation not in Relation.values:
        raise InvalidInput(OfficeError.INVALID_FIELD, _("Quan hệ văn bản không hợp lệ."))
    recipients = checked_recipients(
        body=body,
        secrecy=draft.secrecy,
        units=draft.internal_units,
        names=draft.external_names,
        organ_ids=draft.exchange_agencies,
    )
    if draft.reply_to is not None:
        # Only a document the drafter may see, of the same body.
        try:
            incoming_for_user(actor, draft.reply_to.pk)
        except NotFound as exc:
            raise InvalidInput(
                OfficeError.REPLY_INVALID, _("Không tìm thấy văn bản đến được trả lời.")
            ) from exc
    if (draft.relation == Relation.NONE) != (draft.related is None):
        raise InvalidInput(
            OfficeError.RELATED_INVALID,
            _("Văn bản thu hồi, thay thế, đính chính phải chọn văn bản được thay đổi."),
        )
    if draft.related is not None and (
        draft.related.body_id != body.pk
        or draft.related.status not in IN_FORCE
        or not visible_outgoing(actor).filter(pk=draft.related.pk).exists()
    ):
        raise InvalidInput(
            OfficeError.RELATED_INVALID,
            _("Chỉ thu hồi, thay thế, đính chính được văn bản đã phát hành của cùng cơ quan."),
        )
    return summary, recipients


# ---------------------------------------------------------------- drafting


def create_draft(
    *,
    actor: User,
    draft: Draft,
    file: UploadedFile | None,
    note: str = "",
    attachments: Sequence[UploadedFile] = (),
) -> OutgoingDocument:
    """A new draft with its first version; a DOCX is converted in the background."""
    drafting_unit = drafting_unit_of(actor)
    body = issuing_body(drafting_unit)
    _check_people(body, drafting_unit, draft)
    summary, recipients = _checked_draft(actor, body, draft)
    kind, upload = files.checked_draft(file)
    annexes = annex.checked_attachments(attachments)
    stored: list[OutgoingVersion | OutgoingAttachment] = []
    try:
        with transaction.atomic(durable=True):
            document = OutgoingDocument.objects.create(
                body=body,
                drafting_unit=drafting_unit,
                document_type=draft.document_type,
                summary=summary,
                urgency=draft.urgency,
                secrecy=draft.secrecy,
                drafter=actor,
                reviewer=draft.reviewer,
                signer=draft.signer,
                reply_to=draft.reply_to,
                relation=draft.relation,
                related=draft.related,
                signature_required=draft.signature_required,
                search_text=search_text(
                    notation="",
                    document_type=draft.document_type.name,
                    summary=summary,
                    body=body.name,
                ),
            )
            create_recipients(document, recipients)
            version = _new_version(
                document, actor, kind, upload, " ".join(note.split())[:2000], stored
            )
            if annex.store_attachments(version, annexes, stored) and version.file:
                _converting(version)  # a PDF main file with DOCX attachments
            _step(document, actor, StepKind.DRAFTED, version.note)
            _audit(
                document,
                actor,
                "drafted",
                version=version.number,
                file_kind=kind,
                attachments=len(annexes),
                recipients=recipients.audit(),
            )
    except BaseException:
        _remove_files(stored)
        raise
    return document


def _as_drafter(actor: User, document: OutgoingDocument) -> None:
    if actor.pk != document.drafter_id:
        raise PermissionDenied(
            OfficeError.NOT_A_DRAFTER, _("Chỉ người soạn thảo mới sửa, gửi được dự thảo này.")
        )
    if document.status != OutgoingStatus.DRAFT:
        raise InvalidInput(
            OfficeError.STATE_NOT_ALLOWED,
            _("Dự thảo đang được xem xét hoặc đã duyệt: không sửa được nữa."),
        )


def add_version(
    *,
    actor: User,
    document: OutgoingDocument,
    file: UploadedFile | None,
    note: str = "",
    attachments: Sequence[UploadedFile] = (),
) -> OutgoingVersion:
    """A new version of the draft, with its attachments (the earlier ones are kept)."""
    kind, upload = files.checked_draft(file)
    annexes = annex.checked_attachments(attachments)
    stored: list[OutgoingVersion | OutgoingAttachment] = []
    try:
        with transaction.atomic(durable=True):
            document = _locked(document)
            _as_drafter(actor, document)
            version = _new_version(
                document, actor, kind, upload, " ".join(note.split())[:2000], stored
            )
            if annex.store_attachments(version, annexes, stored) and version.file:
                _converting(version)  # a PDF main file with DOCX attachments
            _step(document, actor, StepKind.VERSION, version.note)
            _audit(
                document,
                actor,
                "version_added",
                version=version.number,
                file_kind=kind,
                attachments=len(annexes),
            )
    except BaseException:
        _remove_files(stored)
        raise
    return version


def latest_version(document: OutgoingDocument) -> OutgoingVersion | None:
    return document.versions.order_by("-number").first()


def _ready(document: OutgoingDocument) -> OutgoingVersion:
    version = latest_version(document)
    if version is None or version.status != VersionStatus.READY:
        raise InvalidInput(
            OfficeError.VERSION_NOT_READY,
            _("Phiên bản mới nhất chưa có bản PDF (đang chuyển đổi hoặc chuyển đổi lỗi)."),
        )
    return version


def send_outgoing(*, actor: User, document: OutgoingDocument, note: str = "") -> OutgoingDocument:
    """The drafter sends the draft on: to the reviewing head, or straight to the signer."""
    with transaction.atomic(durable=True):
        document = _locked(document)
        _as_drafter(actor, document)
        _ready(document)
        text = " ".join(note.split())[:2000]
        if document.reviewer_id is not None:
            document.status = OutgoingStatus.IN_REVIEW
            _step(document, actor, StepKind.SENT_FOR_REVIEW, text)
            assert document.reviewer is not None  # noqa: S101 - checked above
            _tell(
                document, document.reviewer, title=_("Dự thảo văn bản cần xem xét"), event="review"
            )
        else:
            document.status = OutgoingStatus.SUBMITTED
            _step(document, actor, StepKind.SUBMITTED, text)
            _tell(document, document.signer, title=_("Văn bản trình ký"), event="submitted")
        document.save(update_fields=["status", "updated_at"])
        _audit(document, actor, "sent", status=document.status, note=text)
    return document


def review_outgoing(
    *, actor: User, document: OutgoingDocument, action: ReviewAction, note: str = ""
) -> OutgoingDocument:
    """The head (in review) or the signer (submitted): comment, return, pass on, approve.

    Approving a document that needs the leader's digital signature starts
    the signing (services/signing.py); it is approved when the signature is
    finished. Without a signature setup it is refused, as before."""
    if action == ReviewAction.APPROVE and document.signature_required and signature_config():
        from egov.office.documents.services.signing import (  # noqa: PLC0415 - imports this module
            start_approval_signing,
        )

        return start_approval_signing(actor=actor, document=document, note=note)
    with transaction.atomic(durable=True):
        document = _locked(document)
        as_head = document.status == OutgoingStatus.IN_REVIEW and actor.pk == document.reviewer_id
        as_signer = document.status == OutgoingStatus.SUBMITTED and actor.pk == document.signer_id
        if not (as_head or as_signer):
            raise PermissionDenied(
                OfficeError.PERMISSION_DENIED,
                _("Văn bản không chờ bạn xem xét hoặc ký."),
            )
        if action in (ReviewAction.COMMENT, ReviewAction.RETURN):
            text = required_text(note, _("ý kiến"), limit=2000)
        else:
            text = " ".join(note.split())[:2000]
        if action == ReviewAction.PASS and not as_head:
            raise InvalidInput(
                OfficeError.STATE_NOT_ALLOWED, _("Lãnh đạo ký duyệt hoặc trả lại văn bản.")
            )
        if action == ReviewAction.APPROVE and not as_signer:
            raise InvalidInput(
                OfficeError.STATE_NOT_ALLOWED, _("Chỉ người ký mới duyệt được văn bản.")
            )
        if action in (ReviewAction.PASS, ReviewAction.APPROVE):
            _ready(document)
        if action == ReviewAction.APPROVE and document.signature_required:
            # No signature setup (EGOV_SIGNATURES absent): nothing can sign.
            raise InvalidInput(
                OfficeError.SIGNATURE_REQUIRED,
                _("Văn bản này cần chữ ký số của người ký; chức năng ký số chưa được cấu hình."),
            )
        _review(actor, document, action, text)
        _audit(document, actor, f"review_{action.value}", status=document.status, note=text)
    return document


def _review(actor: User, document: OutgoingDocument, action: ReviewAction, note: str) -> None:
    if action == ReviewAction.COMMENT:
        _step(document, actor, StepKind.COMMENTED, note)
        _tell(
            document,
            document.drafter,
            title=_("Có ý kiến về dự thảo"),
            event=f"comment:{timezone.now().timestamp()}",
        )
        return
    if action == ReviewAction.RETURN:
        # A signing the leader started and did not finish ends with the return.
        PendingSigning.objects.filter(purpose=SIGNING_PURPOSE, object_pk=document.pk).delete()
        document.status = OutgoingStatus.DRAFT
        _step(document, actor, StepKind.RETURNED, note)
        _tell(
            document,
            document.drafter,
            title=_("Dự thảo bị trả lại để sửa"),
            event=f"returned:{timezone.now().timestamp()}",
        )
    elif action == ReviewAction.PASS:
        document.status = OutgoingStatus.SUBMITTED
        _step(document, actor, StepKind.SUBMITTED, note)
        _tell(
            document,
            document.signer,
            title=_("Văn bản trình ký"),
            event=f"submitted:{timezone.now().timestamp()}",
        )
    else:
        document.status = OutgoingStatus.APPROVED
        document.approved_at = timezone.now()
        _step(document, actor, StepKind.APPROVED, note)
        for clerk in User.objects.filter(
            is_active=True, memberships__unit=document.body, memberships__role=Role.CLERK
        ).distinct():
            _tell(
                document, clerk, title=_("Văn bản đã duyệt, chờ cấp số phát hành"), event="approved"
            )
    document.save(update_fields=["status", "approved_at", "updated_at"])


# ---------------------------------------------------------------- issuing


def _recipient_clerk(unit: Unit, fallback: User) -> User:
    clerk = (
        User.objects.filter(is_active=True, memberships__unit=unit, memberships__role=Role.CLERK)
        .order_by("pk")
        .first()
    )
    return clerk or fallback


def issue_outgoing(*, actor: User, document: OutgoingDocument) -> OutgoingDocument:
    """Number the approved document from the outgoing register today, and issue it."""
    written: list[IncomingAttachment | IncomingDocument] = []
    sealed: list[OutgoingVersion | OutgoingAttachment] = []
    try:
        with transaction.atomic(durable=True):
            document = _locked(document)
            if not has_role_over(actor, document.body, [Role.CLERK]):
                raise PermissionDenied(
                    OfficeError.PERMISSION_DENIED,
                    _("Chỉ văn thư của cơ quan mới được cấp số văn bản."),
                )
            if document.status != OutgoingStatus.APPROVED:
                raise InvalidInput(
                    OfficeError.STATE_NOT_ALLOWED,
                    _("Chỉ văn bản đã được lãnh đạo duyệt ký mới được cấp số, phát hành."),
                )
            version = _ready(document)
            _issue(actor, document, version, written, sealed)
    except SigningError as error:
        _remove_written([*written, *sealed])
        # The number went back with the rollback; the failed attempt stays.
        with transaction.atomic(durable=True):
            _audit(document, actor, "sealing_failed", code=str(error.code))
        raise
    except PermissionDenied as error:
        # Issuing applies the organisation's signature: a denied attempt is audited.
        with transaction.atomic(durable=True):
            _audit(document, actor, "issue_denied", code=str(error.code))
        raise
    except BaseException:
        _remove_written([*written, *sealed])
        raise
    return document


def _remove_written(
    written: list[IncomingAttachment | IncomingDocument | OutgoingVersion | OutgoingAttachment],
) -> None:
    for row in written:
        if row.file.name:
            row.file.storage.delete(row.file.name)


def _issue(
    actor: User,
    document: OutgoingDocument,
    version: OutgoingVersion,
    written: list[IncomingAttachment | IncomingDocument],
    sealed: list[OutgoingVersion | OutgoingAttachment],
) -> None:
    today = timezone.localdate()
    recipients = list(document.recipients.select_related("unit").order_by("pk"))
    internal = [r for r in recipients if r.kind == RecipientKind.INTERNAL and r.unit is not None]
    # The recipients' incoming registers first (by pk), then the outgoing one.
    incoming_registers = {
        r.unit_id: register_for(
            body=r.unit, year=today.year, direction=Direction.INCOMING, confidential=False
        )
        for r in internal
        if r.unit is not None
    }
    list(
        Register.objects.select_for_update()
        .filter(pk__in=[r.pk for r in incoming_registers.values()])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    register = register_for(
        body=document.body,
        year=today.year,
        direction=Direction.OUTGOING,
        confidential=document.confidential,
        document_type=document.document_type,
    )
    entry = issue_number(
        actor=actor,
        register=register,
        document_type=document.document_type,
        drafting_unit=document.drafting_unit,
    )
    now = timezone.now()
    document.register = register
    document.entry = entry
    document.number = entry.number
    document.notation = entry.notation
    document.issued_on = today
    document.issued_at = now
    document.issued_by = actor
    document.status = OutgoingStatus.ISSUED
    refreshed(document)
    document.save(
        update_fields=[
            "register",
            "entry",
            "number",
            "notation",
            "issued_on",
            "issued_at",
            "issued_by",
            "status",
            "search_text",
            "updated_at",
        ]
    )
    _step(document, actor, StepKind.ISSUED, document.notation)
    config = signature_config()
    if document.signature_required and config is not None:
        from egov.office.documents.services.signing import (  # noqa: PLC0415 - imports this module
            seal_for_issue,
        )

        version = seal_for_issue(actor, document, version, sealed, config)
    data = version.file.open("rb").read()
    version.file.close()
    pages = max(1, len(PdfReader(ContentFile(data)).pages))
    # The issued version's attachments (sealed when the main file was) go with it.
    annexes = annex.issued_attachments(version) if internal else []
    delivered: list[int] = []
    for recipient in internal:
        assert recipient.unit is not None  # noqa: S101 - filtered above
        incoming = receive_issued(
            clerk=_recipient_clerk(recipient.unit, actor),
            body=recipient.unit,
            arrival=Arrival(
                channel=Channel.ELECTRONIC,
                arrived_at=now,
                sender=document.body.name,
                notation=document.notation,
                issued_on=today,
                document_type=document.document_type,
                summary=document.summary,
                urgency=document.urgency,
                secrecy=document.secrecy,
                pages=min(pages, 10000),
            ),
            file=ContentFile(data, name=f"{secrets.token_hex(16)}.pdf"),  # type: ignore[arg-type]
            attachments=[ContentFile(pdf, name=name) for name, pdf in annexes],  # type: ignore[misc]
            stored=written,
        )
        recipient.incoming = incoming
        recipient.exchange_status = ExchangeStatus.DELIVERED
        recipient.save(update_fields=["incoming", "exchange_status"])
        delivered.append(incoming.pk)
    document.recipients.filter(kind__in=[RecipientKind.EXTERNAL, RecipientKind.EXCHANGE]).update(
        exchange_status=ExchangeStatus.PENDING
    )
    # The exchange queues one edXML message per directory recipient, in this transaction.
    publish(OutgoingIssued(document=document))
    if document.reply_to_id is not None:
        _complete_by_reply(actor, document)
    if document.related_id is not None:
        _mark_related(document)
    _tell(document, document.drafter, title=_("Văn bản đã được phát hành"), event="issued")
    _audit(
        document,
        actor,
        "issued",
        register=register.pk,
        number=entry.number,
        issued_on=today.isoformat(),
        delivered=delivered,
        outside=[r.name for r in recipients if r.kind == RecipientKind.EXTERNAL],
        agencies=[r.organ_id for r in recipients if r.kind == RecipientKind.EXCHANGE],
        reply_to=document.reply_to_id,
        relation=document.relation,
        related=document.related_id,
    )


# What issuing a recall, replacement or correction does to the document it changes.
_RELATED_STATUS = {
    Relation.RECALL: OutgoingStatus.RECALLED,
    Relation.REPLACE: OutgoingStatus.REPLACED,
    Relation.CORRECT: OutgoingStatus.CORRECTED,
}


def _mark_related(document: OutgoingDocument) -> None:
    """Mark the document that `document` recalls, replaces or corrects.

    A correction (đính chính) leaves the corrected document in force; a recall
    or replacement ends it (Decree 30/2020, art. 10 and Appendix III, kept as
    the relation types of this model).
    """
    related = OutgoingDocument.objects.select_for_update(of=("self",)).get(
        pk=document.related_id or 0
    )
    status = _RELATED_STATUS[Relation(document.relation)]
    if related.status in IN_FORCE:
        related.status = status
        related.save(update_fields=["status", "updated_at"])


def _complete_by_reply(actor: User, document: OutgoingDocument) -> None:
    """The incoming document answered by `document` is handled: its holders are done."""
    incoming = IncomingDocument.objects.select_for_update().get(pk=document.reply_to_id or 0)
    if incoming.status == IncomingStatus.COMPLETED:
        return
    now = timezone.now()
    Holder.objects.filter(document=incoming, status=HolderStatus.OPEN).update(
        status=HolderStatus.DONE, done_at=now
    )
    incoming.status = IncomingStatus.COMPLETED
    incoming.completed_at = now
    incoming.save(update_fields=["status", "completed_at"])
    note = _("Đã trả lời bằng văn bản số %(notation)s.") % {"notation": document.notation}
    common.history(incoming, actor, ActionKind.COMPLETED, note=note)
    common.audit(incoming, actor, "completed_by_reply", {"reply": document.pk, "note": note})
