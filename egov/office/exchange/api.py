"""The clerk's queue of documents received through the exchange, in the REST API."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import django_auth

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import DocumentType
from egov.office.exchange import intake
from egov.office.exchange.models import ReceivedDocument
from egov.office.exchange.selectors import received_for_clerk, received_for_user
from egov.platform.accounts.access import request_user
from egov.platform.core.errors import InvalidInput
from egov.platform.core.schemas import ErrorOut

router = Router(auth=django_auth)

ERRORS: dict[int, type[ErrorOut]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class ReceivedAttachmentOut(Schema):
    name: str
    content_type: str
    size: int
    signatures: list[dict[str, object]]


class ReceivedOut(Schema):
    id: int
    consignment_id: str
    body_id: int
    sender_organ: str
    sender_name: str
    document_id: str
    notation: str
    issued_on: date
    summary: str
    signature: str
    state: str
    incoming_id: int | None
    refused_reason: str
    received_at: datetime
    attachments: list[ReceivedAttachmentOut]
    # What this document does to one received before (edXML Bussiness part):
    # "" a new document, "revocation", "update" or "replacement"; the earlier
    # DocumentId as sent, and the earlier received document when it is here.
    change: str
    changes_document_id: str
    changes_id: int | None
    # The later received documents that revoke, update or replace this one.
    changed_by_ids: list[int]
    # A recall of this document by its sender (status 13): "", "requested",
    # "accepted" or "refused", with the sender's reason (the 13's description).
    recall: str
    recall_note: str


class ReceivedRegisterIn(Schema):
    document_type: str = ""  # the abbreviation or name; empty: the message's own type
    confirm_duplicate: bool = False


class ReceivedRefuseIn(Schema):
    reason: str


def _out(received: ReceivedDocument) -> ReceivedOut:
    return ReceivedOut(
        id=received.pk,
        consignment_id=str(received.consignment_id),
        body_id=received.body_id,
        sender_organ=received.sender_organ,
        sender_name=received.sender_name,
        document_id=received.document_id,
        notation=received.notation,
        issued_on=received.issued_on,
        summary=received.summary,
        signature=received.signature,
        state=received.state,
        incoming_id=received.incoming_id,
        refused_reason=received.refused_reason,
        received_at=received.received_at,
        attachments=[
            ReceivedAttachmentOut(
                name=a.name, content_type=a.content_type, size=a.size, signatures=a.signatures
            )
            for a in received.attachments.all()
        ],
        change=received.change,
        changes_document_id=received.changes_document_id,
        changes_id=received.changes_id,
        changed_by_ids=sorted(r.pk for r in received.changed_by.all()),
        recall=received.recall,
        recall_note=received.recall_note,
    )


def _type(value: str) -> DocumentType | None:
    if not value:
        return None
    found = (
        DocumentType.objects.filter(is_active=True, abbreviation=value).order_by("pk").first()
        or DocumentType.objects.filter(is_active=True, name=value).order_by("pk").first()
    )
    if found is None:
        raise InvalidInput(OfficeError.INVALID_FIELD, _("Không có loại văn bản này."))
    return found


@router.get("/received", response={200: list[ReceivedOut], **ERRORS})
def received_list(request: HttpRequest) -> list[ReceivedOut]:
    user = request_user(request)
    rows = (
        received_for_clerk(user)
        .prefetch_related("attachments", "changed_by")
        .order_by("-received_at", "-pk")
    )
    return [_out(r) for r in rows[:200]]


@router.post("/received/{received_id}/register", response={200: ReceivedOut, **ERRORS})
def register(request: HttpRequest, received_id: int, payload: ReceivedRegisterIn) -> ReceivedOut:
    user = request_user(request)
    received = received_for_user(user, received_id)
    intake.register_received(
        actor=user,
        received=received,
        document_type=_type(payload.document_type),
        confirm_duplicate=payload.confirm_duplicate,
    )
    received.refresh_from_db()
    return _out(received)


@router.post("/received/{received_id}/refuse", response={200: ReceivedOut, **ERRORS})
def refuse(request: HttpRequest, received_id: int, payload: ReceivedRefuseIn) -> ReceivedOut:
    user = request_user(request)
    received = intake.refuse_received(
        actor=user, received=received_for_user(user, received_id), reason=payload.reason
    )
    return _out(received)
