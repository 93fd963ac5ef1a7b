"""The hub's HTTP endpoints (django-ninja), called by the client deployments' HubClient.

Authenticated by the deployment's Bearer token (hub/services.py), never by a
session: a signed-in person has nothing to do here and is refused.
"""

from __future__ import annotations

import base64
import uuid

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema

from egov.office.exchange.faults import invalid_envelope, too_large
from egov.office.exchange.hub import services
from egov.office.exchange.hub.models import HubMessage
from egov.office.exchange.transport.base import Envelope
from egov.platform.core.schemas import ErrorOut

router = Router(auth=None)

ERRORS: dict[int, type[ErrorOut]] = {
    400: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}


class HubSubmitOut(Schema):
    consignment_id: str
    result: str


class HubMessageOut(Schema):
    consignment_id: str
    from_organ: str
    to_organ: str
    kind: str
    body: str  # base64


class HubPendingOut(Schema):
    messages: list[HubMessageOut]
    # POST /pending: the agencies named that are not the caller's (nothing listed for them).
    not_allowed: list[str] = []


class HubPendingFilters(Schema):
    limit: int = 50


class HubPendingForIn(Schema):
    organs: list[str]
    limit: int = 50


class HubAckIn(Schema):
    answer: str = ""


def _token(request: HttpRequest) -> str:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _body(request: HttpRequest) -> bytes:
    """The raw message, read from the stream: DATA_UPLOAD_MAX_MEMORY_SIZE is for forms.

    The middleware already refused a Content-Length past the hub's limit.
    """
    limit = int(settings.EXCHANGE_MAX_MESSAGE_MB) * 1024 * 1024
    data = request.read(limit + 1)
    if len(data) > limit:
        raise too_large(len(data), int(settings.EXCHANGE_MAX_MESSAGE_MB))
    return data


@router.post(
    "/messages", response={200: HubSubmitOut, **ERRORS}, summary="Submit a message to the hub"
)
def submit(request: HttpRequest) -> HubSubmitOut:
    token = _token(request)
    services.client_organs(token)  # who is calling, before reading anything else
    try:
        consignment_id = uuid.UUID(request.headers.get("X-Consignment-Id", ""))
    except ValueError:
        raise invalid_envelope("X-Consignment-Id") from None
    envelope = Envelope(
        consignment_id=consignment_id,
        from_organ=request.headers.get("X-From-Organ", "")[:32],
        to_organ=request.headers.get("X-To-Organ", "")[:32],
        kind=request.headers.get("X-Message-Kind", "")[:10],
        body=_body(request),
        version=request.headers.get("X-Edxml-Version", "")[:40],
    )
    message = services.submit(token=token, envelope=envelope)
    return HubSubmitOut(consignment_id=str(message.consignment_id), result="accepted")


@router.get(
    "/organs/{organ_id}/pending",
    response={200: HubPendingOut, **ERRORS},
    summary="An agency's pending messages",
)
def pending(
    request: HttpRequest, organ_id: str, filters: Query[HubPendingFilters]
) -> HubPendingOut:
    messages = services.pending(token=_token(request), organ_id=organ_id, limit=filters.limit)
    return _pending_out(messages)


def _pending_out(messages: list[HubMessage], refused: list[str] | None = None) -> HubPendingOut:
    return HubPendingOut(
        not_allowed=refused or [],
        messages=[
            HubMessageOut(
                consignment_id=str(m.consignment_id),
                from_organ=m.from_organ,
                to_organ=m.to_organ,
                kind=m.kind,
                body=base64.b64encode(bytes(m.body)).decode("ascii"),
            )
            for m in messages
        ],
    )


@router.post(
    "/pending",
    response={200: HubPendingOut, **ERRORS},
    summary="The pending messages of all the caller's agencies named, in one call",
)
def pending_for(request: HttpRequest, payload: HubPendingForIn) -> HubPendingOut:
    organs = [str(organ)[:32] for organ in payload.organs]
    messages, refused = services.pending_for(
        token=_token(request), organ_ids=organs, limit=payload.limit
    )
    return _pending_out(messages, refused)


@router.post(
    "/messages/{consignment_id}/ack",
    response={200: HubSubmitOut, **ERRORS},
    summary="Acknowledge a fetched message",
)
def acknowledge(request: HttpRequest, consignment_id: uuid.UUID, payload: HubAckIn) -> HubSubmitOut:
    message = services.acknowledge(
        token=_token(request), consignment_id=consignment_id, answer=payload.answer
    )
    return HubSubmitOut(
        consignment_id=str(message.consignment_id), result=message.answer or "acknowledged"
    )
