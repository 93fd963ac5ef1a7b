"""Outgoing documents in the REST API: the same services and checks as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    DocumentType,
    IncomingDocument,
    OutgoingAttachment,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    OutgoingVersion,
)
from egov.office.documents.selectors import incoming_for_user
from egov.office.documents.selectors_outgoing import (
    issued_register,
    my_drafts,
    outgoing_for_user,
    to_issue,
    to_review,
)
from egov.office.documents.services.outgoing import (
    Draft,
    ReviewAction,
    add_version,
    create_draft,
    issue_outgoing,
    review_outgoing,
    send_outgoing,
)
from egov.office.documents.services.signing import (
    finish_approval_signing,
    pending_signing,
    signing_outcome,
)
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import InvalidInput, NotFound
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.models import Unit

router = Router(auth=django_auth)
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 503: ErrorOut}
LIST_LIMIT = 200


class OfficeAttachmentOut(Schema):
    position: int
    name: str
    # Signed by the organisation at issue (Decree 30/2020, Appendix I).
    sealed: bool


class OfficeVersionOut(Schema):
    number: int
    status: str
    error_code: str
    note: str
    created_at: datetime
    attachments: list[OfficeAttachmentOut]

    @staticmethod
    def resolve_attachments(obj: OutgoingVersion) -> list[OutgoingAttachment]:
        return list(obj.attachments.order_by("position"))


class OfficeRecipientOut(Schema):
    kind: str
    unit_id: int | None
    name: str
    organ_id: str
    exchange_status: str
    incoming_id: int | None


class OfficeOutgoingOut(Schema):
    id: int
    body_id: int
    drafting_unit_id: int
    document_type: str
    summary: str
    urgency: str
    secrecy: str
    status: str
    status_label: str
    drafter: str
    reviewer: str | None
    signer: str
    number: int | None
    notation: str
    issued_on: date | None
    reply_to_id: int | None
    relation: str
    related_id: int | None

    @staticmethod
    def resolve_document_type(obj: OutgoingDocument) -> str:
        return obj.document_type.name

    @staticmethod
    def resolve_status_label(obj: OutgoingDocument) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_drafter(obj: OutgoingDocument) -> str:
        return obj.drafter.username

    @staticmethod
    def resolve_reviewer(obj: OutgoingDocument) -> str | None:
        return obj.reviewer.username if obj.reviewer is not None else None

    @staticmethod
    def resolve_signer(obj: OutgoingDocument) -> str:
        return obj.signer.username


class OfficeOutgoingDetailOut(OfficeOutgoingOut):
    versions: list[OfficeVersionOut]
    recipients: list[OfficeRecipientOut]

    @staticmethod
    def resolve_versions(obj: OutgoingDocument) -> list[OutgoingVersion]:
        return list(obj.versions.order_by("number"))

    @staticmethod
    def resolve_recipients(obj: OutgoingDocument) -> list[OutgoingRecipient]:
        return list(obj.recipients.order_by("pk"))


class OfficeDraftIn(Schema):
    document_type: str  # the abbreviation, or the name for a type without one
    summary: str
    signer: str
    reviewer: str | None = None
    urgency: Literal["normal", "urgent", "very_urgent", "flash"] = "normal"
    secrecy: Literal["none", "secret", "top_secret", "ultra_secret"] = "none"
    recipient_unit_ids: list[int] = []
    outside_recipients: list[str] = []
    # Identifiers (mã định danh) of agencies of the exchange directory.
    exchange_agencies: list[str] = []
    reply_to_id: int | None = None
    relation: Literal["", "recall", "replace", "correct"] = ""
    related_id: int | None = None
    note: str = ""


class OfficeVersionIn(Schema):
    note: str = ""


class OfficeSendIn(Schema):
    note: str = ""


class OfficeReviewIn(Schema):
    action: Literal["comment", "return", "pass", "approve"]
    note: str = ""


def _person(username: str) -> User:
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise InvalidInput(
            OfficeError.HOLDER_NOT_ELIGIBLE,
            _("Không tìm thấy cán bộ: %(name)s.") % {"name": username},
        )
    return found


def _units(ids: list[int]) -> list[Unit]:
    found = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    if len(found) != len(set(ids)):
        raise InvalidInput(OfficeError.RECIPIENT_INVALID, _("Không tìm thấy đơn vị nhận."))
    return [found[i] for i in ids]


def _type(value: str) -> DocumentType:
    found = (
        DocumentType.objects.filter(abbreviation=value, is_active=True).first()
        or DocumentType.objects.filter(name=value, is_active=True).first()
    )
    if found is None:
        raise InvalidInput(OfficeError.TYPE_NOT_FOUND, _("Không có loại văn bản này."))
    return found


def _reply_to(user: User, pk: int | None) -> IncomingDocument | None:
    if pk is None:
        return None
    try:
        return incoming_for_user(user, pk)
    except NotFound as exc:
        raise InvalidInput(
            OfficeError.REPLY_INVALID, _("Không tìm thấy văn bản đến được trả lời.")
        ) from exc


def _related(user: User, pk: int | None) -> OutgoingDocument | None:
    if pk is None:
        return None
    try:
        return outgoing_for_user(user, pk)
    except NotFound as exc:
        raise InvalidInput(
            OfficeError.RELATED_INVALID, _("Không tìm thấy văn bản được thay đổi.")
        ) from exc


@router.get("/outgoing", response=list[OfficeOutgoingOut], summary="Văn bản đi của tôi")
def list_outgoing(
    request: HttpRequest,
    view: Literal["drafts", "to_review", "to_issue", "issued"] = "drafts",
) -> list[OutgoingDocument]:
    """drafts: mine; to_review: to review or sign; to_issue: approved (clerk); issued."""
    user = request_user(request)
    selector = {
        "drafts": my_drafts,
        "to_review": to_review,
        "to_issue": to_issue,
        "issued": issued_register,
    }[view]
    return list(
        selector(user).select_related("document_type", "drafter", "reviewer", "signer")[:LIST_LIMIT]
    )


@router.post(
    "/outgoing",
    response={201: OfficeOutgoingDetailOut, **ERRORS},
    summary="Tạo dự thảo văn bản đi (multipart: tệp DOCX hoặc PDF, phụ lục PDF)",
)
def create(
    request: HttpRequest,
    payload: Form[OfficeDraftIn],
    file: File[UploadedFile],
    attachments: File[list[UploadedFile] | None] = None,
) -> Status[OutgoingDocument]:
    user = request_user(request)
    document = create_draft(
        actor=user,
        draft=Draft(
            document_type=_type(payload.document_type),
            summary=payload.summary,
            signer=_person(payload.signer),
            reviewer=_person(payload.reviewer) if payload.reviewer else None,
            urgency=payload.urgency,
            secrecy=payload.secrecy,
            internal_units=_units(payload.recipient_unit_ids),
            external_names=payload.outside_recipients,
            exchange_agencies=payload.exchange_agencies,
            reply_to=_reply_to(user, payload.reply_to_id),
            relation=payload.relation,
            related=_related(user, payload.related_id),
        ),
        file=file,
        note=payload.note,
        attachments=attachments or [],
    )
    return Status(201, outgoing_for_user(user, document.pk))


@router.get(
    "/outgoing/{document_id}",
    response={200: OfficeOutgoingDetailOut, 404: ErrorOut},
    summary="Một văn bản đi",
)
def get_outgoing(request: HttpRequest, document_id: int) -> OutgoingDocument:
    return outgoing_for_user(request_user(request), document_id)


@router.post(
    "/outgoing/{document_id}/versions",
    response={201: OfficeOutgoingDetailOut, **ERRORS},
    summary="Tải lên phiên bản dự thảo mới (multipart)",
)
def new_version(
    request: HttpRequest,
    document_id: int,
    payload: Form[OfficeVersionIn],
    file: File[UploadedFile],
    attachments: File[list[UploadedFile] | None] = None,
) -> Status[OutgoingDocument]:
    user = request_user(request)
    document = outgoing_for_user(user, document_id)
    add_version(
        actor=user,
        document=document,
        file=file,
        note=payload.note,
        attachments=attachments or [],
    )
    return Status(201, outgoing_for_user(user, document_id))


@router.post(
    "/outgoing/{document_id}/send",
    response={200: OfficeOutgoingDetailOut, **ERRORS},
    summary="Người soạn thảo gửi xem xét hoặc trình ký",
)
def send(request: HttpRequest, document_id: int, payload: OfficeSendIn) -> OutgoingDocument:
    user = request_user(request)
    send_outgoing(actor=user, document=outgoing_for_user(user, document_id), note=payload.note)
    return outgoing_for_user(user, document_id)


@router.post(
    "/outgoing/{document_id}/review",
    response={200: OfficeOutgoingDetailOut, **ERRORS},
    summary="Lãnh đạo phòng, người ký: cho ý kiến, trả lại, chuyển trình, duyệt ký",
)
def review(request: HttpRequest, document_id: int, payload: OfficeReviewIn) -> OutgoingDocument:
    user = request_user(request)
    review_outgoing(
        actor=user,
        document=outgoing_for_user(user, document_id),
        action=ReviewAction(payload.action),
        note=payload.note,
    )
    return outgoing_for_user(user, document_id)


@router.post(
    "/outgoing/{document_id}/issue",
    response={200: OfficeOutgoingDetailOut, **ERRORS},
    summary="Văn thư cấp số và phát hành",
)
def issue(request: HttpRequest, document_id: int) -> OutgoingDocument:
    user = request_user(request)
    issue_outgoing(actor=user, document=outgoing_for_user(user, document_id))
    return outgoing_for_user(user, document_id)


class OfficeSigningOut(Schema):
    """The leader's remote signing of a document needing their signature."""

    # waiting: the request is on the leader's phone; signed: the document is
    # approved with the leader's signature; none: no request waits (see reason).
    state: Literal["waiting", "signed", "none"]
    expires_at: datetime | None
    # Why the last request ended without a signature (Vietnamese), else "".
    reason: str


# Before the leader's approval a document needing their signature is unsigned.
UNSIGNED = (OutgoingStatus.DRAFT, OutgoingStatus.IN_REVIEW, OutgoingStatus.SUBMITTED)


def _signing(document: OutgoingDocument) -> OfficeSigningOut:
    row = pending_signing(document)
    if row is not None:
        return OfficeSigningOut(state="waiting", expires_at=row.expires_at, reason="")
    if document.signature_required and document.status not in UNSIGNED:
        return OfficeSigningOut(state="signed", expires_at=None, reason="")
    return OfficeSigningOut(state="none", expires_at=None, reason=signing_outcome(document))


@router.get(
    "/outgoing/{document_id}/signing",
    response={200: OfficeSigningOut, 404: ErrorOut},
    summary="Tình trạng ký số của lãnh đạo",
)
def signing(request: HttpRequest, document_id: int) -> OfficeSigningOut:
    return _signing(outgoing_for_user(request_user(request), document_id))


@router.post(
    "/outgoing/{document_id}/signing/check",
    response={200: OfficeSigningOut, **ERRORS},
    summary="Người ký kiểm tra xác nhận ký số trên điện thoại",
)
def signing_check(request: HttpRequest, document_id: int) -> OfficeSigningOut:
    user = request_user(request)
    finish_approval_signing(actor=user, document=outgoing_for_user(user, document_id))
    return _signing(outgoing_for_user(user, document_id))
