"""The document office in the REST API: the same services and checks as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from egov.office.documents.api_outgoing import router as outgoing_router
from egov.office.documents.errors import OfficeError
from egov.office.documents.models import DocumentType, Holder, IncomingDocument
from egov.office.documents.selectors import (
    clerk_bodies,
    inbox,
    incoming_for_user,
    registered_by_bodies,
    to_assign,
)
from egov.office.documents.services.handling import (
    Assignment,
    HolderAction,
    act_on_incoming,
    assign_incoming,
    reassign_incoming,
)
from egov.office.documents.services.incoming import Arrival, register_incoming
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import InvalidInput, NotFound
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.models import Unit

router = Router(auth=django_auth)
router.add_router("", outgoing_router)
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
LIST_LIMIT = 200


class OfficeHolderOut(Schema):
    id: int
    role: str
    status: str
    unit_id: int | None
    user: str | None
    due_at: datetime | None
    read_at: datetime | None

    @staticmethod
    def resolve_user(obj: Holder) -> str | None:
        return obj.user.username if obj.user is not None else None


class OfficeIncomingOut(Schema):
    id: int
    body_id: int
    register_year: int
    arrival_number: int
    arrived_at: datetime
    channel: str
    sender: str
    notation: str
    issued_on: date
    document_type: str
    summary: str
    urgency: str
    secrecy: str
    pages: int
    status: str
    status_label: str
    leader: str
    instructions: str
    due_at: datetime | None

    @staticmethod
    def resolve_register_year(obj: IncomingDocument) -> int:
        return obj.register.year

    @staticmethod
    def resolve_document_type(obj: IncomingDocument) -> str:
        return obj.document_type.name

    @staticmethod
    def resolve_status_label(obj: IncomingDocument) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_leader(obj: IncomingDocument) -> str:
        return obj.leader.username


class OfficeIncomingDetailOut(OfficeIncomingOut):
    holders: list[OfficeHolderOut]

    @staticmethod
    def resolve_holders(obj: IncomingDocument) -> list[Holder]:
        return list(obj.holders.select_related("user").order_by("pk"))


class OfficeRegisterIn(Schema):
    body_id: int | None = None
    channel: Literal["paper", "electronic"]
    arrived_at: datetime
    sender: str
    notation: str
    issued_on: date
    document_type: str  # the abbreviation, or the name for a type without one
    summary: str
    urgency: Literal["normal", "urgent", "very_urgent", "flash"] = "normal"
    secrecy: Literal["none", "secret", "top_secret", "ultra_secret"] = "none"
    pages: int = 1
    leader: str | None = None
    confirm_duplicate: bool = False


class OfficeAssignIn(Schema):
    lead_unit_id: int | None = None
    lead_user: str | None = None
    coordinating_unit_ids: list[int] = []
    coordinating_users: list[str] = []
    information_unit_ids: list[int] = []
    information_users: list[str] = []
    instructions: str = ""
    working_days: int | None = None


class OfficeForwardIn(Schema):
    specialist: str
    note: str = ""
    working_days: int | None = None


class OfficeActIn(Schema):
    action: Literal["receive", "comment", "complete", "return"]
    note: str = ""


def _people(usernames: list[str]) -> list[User]:
    found = {u.username: u for u in User.objects.filter(username__in=usernames, is_active=True)}
    missing = [name for name in usernames if name not in found]
    if missing:
        raise InvalidInput(
            OfficeError.HOLDER_NOT_ELIGIBLE,
            _("Không tìm thấy cán bộ: %(names)s.") % {"names": ", ".join(missing)},
        )
    return [found[name] for name in usernames]


def _units(ids: list[int]) -> list[Unit]:
    found = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    if len(found) != len(set(ids)):
        raise InvalidInput(OfficeError.HOLDER_NOT_ELIGIBLE, _("Không tìm thấy đơn vị được chọn."))
    return [found[i] for i in ids]


def _detail(user: User, pk: int) -> IncomingDocument:
    return incoming_for_user(user, pk)


@router.get("/incoming", response=list[OfficeIncomingOut], summary="Văn bản đến của tôi")
def list_incoming(
    request: HttpRequest, view: Literal["inbox", "to_assign", "register"] = "inbox"
) -> list[IncomingDocument]:
    """inbox: what I hold; to_assign: presented to me; register: my bodies' register (clerk)."""
    user = request_user(request)
    documents = {"inbox": inbox, "to_assign": to_assign, "register": registered_by_bodies}[view](
        user
    )
    return list(documents.select_related("register", "leader", "document_type")[:LIST_LIMIT])


@router.post(
    "/incoming",
    response={201: OfficeIncomingDetailOut, **ERRORS},
    summary="Vào sổ văn bản đến (multipart: tệp PDF và phụ lục)",
)
def register(
    request: HttpRequest,
    payload: Form[OfficeRegisterIn],
    file: File[UploadedFile],
    attachments: File[list[UploadedFile] | None] = None,
) -> Status[IncomingDocument]:
    user = request_user(request)
    bodies = clerk_bodies(user)
    body = next((b for b in bodies if payload.body_id in (None, b.pk)), None)
    if body is None:
        raise NotFound(OfficeError.PERMISSION_DENIED, _("Bạn không phải văn thư của cơ quan này."))
    document_type = (
        DocumentType.objects.filter(abbreviation=payload.document_type).first()
        or DocumentType.objects.filter(name=payload.document_type).first()
    )
    if document_type is None:
        raise InvalidInput(OfficeError.TYPE_NOT_FOUND, _("Không có loại văn bản này."))
    leader = None
    if payload.leader:
        leader = _people([payload.leader])[0]
    document = register_incoming(
        actor=user,
        body=body,
        arrival=Arrival(
            channel=payload.channel,
            arrived_at=payload.arrived_at,
            sender=payload.sender,
            notation=payload.notation,
            issued_on=payload.issued_on,
            document_type=document_type,
            summary=payload.summary,
            urgency=payload.urgency,
            secrecy=payload.secrecy,
            pages=payload.pages,
        ),
        file=file,
        attachments=attachments or [],
        leader=leader,
        confirm_duplicate=payload.confirm_duplicate,
    )
    return Status(201, _detail(user, document.pk))


@router.get(
    "/incoming/{document_id}",
    response={200: OfficeIncomingDetailOut, 404: ErrorOut},
    summary="Một văn bản đến",
)
def get_incoming(request: HttpRequest, document_id: int) -> IncomingDocument:
    return _detail(request_user(request), document_id)


@router.post(
    "/incoming/{document_id}/assign",
    response={200: OfficeIncomingDetailOut, **ERRORS},
    summary="Lãnh đạo phân công xử lý",
)
def assign(request: HttpRequest, document_id: int, payload: OfficeAssignIn) -> IncomingDocument:
    user = request_user(request)
    document = _detail(user, document_id)
    assign_incoming(
        actor=user,
        document=document,
        assignment=Assignment(
            lead_unit=_units([payload.lead_unit_id])[0] if payload.lead_unit_id else None,
            lead_user=_people([payload.lead_user])[0] if payload.lead_user else None,
            coordinating_units=_units(payload.coordinating_unit_ids),
            coordinating_users=_people(payload.coordinating_users),
            information_units=_units(payload.information_unit_ids),
            information_users=_people(payload.information_users),
            instructions=payload.instructions,
            working_days=payload.working_days,
        ),
    )
    return _detail(user, document_id)


@router.post(
    "/incoming/{document_id}/forward",
    response={200: OfficeIncomingDetailOut, **ERRORS},
    summary="Lãnh đạo phòng chuyển cho chuyên viên",
)
def forward(request: HttpRequest, document_id: int, payload: OfficeForwardIn) -> IncomingDocument:
    user = request_user(request)
    document = _detail(user, document_id)
    reassign_incoming(
        actor=user,
        document=document,
        specialist=_people([payload.specialist])[0],
        note=payload.note,
        working_days=payload.working_days,
    )
    return _detail(user, document_id)


@router.post(
    "/incoming/{document_id}/act",
    response={200: OfficeIncomingDetailOut, **ERRORS},
    summary="Người xử lý: nhận, cho ý kiến, hoàn thành, trả lại",
)
def act(request: HttpRequest, document_id: int, payload: OfficeActIn) -> IncomingDocument:
    user = request_user(request)
    document = _detail(user, document_id)
    act_on_incoming(
        actor=user, document=document, action=HolderAction(payload.action), note=payload.note
    )
    return _detail(user, document_id)
