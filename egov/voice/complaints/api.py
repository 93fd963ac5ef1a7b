"""Petitions in the REST API: the register (masked), one petition, recording one.

A denouncer's identity is in an answer only for a person assigned to the
denunciation, and each such answer is audited (identity.py); lists never
carry it. A citizen sees the petitions of their own account.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import django_auth

from egov.platform.accounts.access import remember_memberships, request_user
from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import NotFound
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.models import Unit
from egov.voice.complaints import identity, selectors, services
from egov.voice.complaints.errors import ComplaintError
from egov.voice.complaints.models import Channel, Petition

router = Router()
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
LIST_LIMIT = 200


class PetitionOut(Schema):
    id: int
    code: str
    kind: str
    channel: str
    status: str
    status_label: str
    addressed_to_id: int
    received_at: datetime
    accept_due: datetime
    settle_due: datetime | None
    extensions: int
    respondent: str
    summary: str
    forwarded_to: str
    decision_number: str
    repeat_of: str | None
    petitioner_name: str
    petitioner_id_number: str
    petitioner_address: str
    petitioner_contact: str


class PetitionIn(Schema):
    kind: str
    addressed_to_id: int
    petitioner_name: str
    respondent: str
    summary: str
    content: str
    request: str = ""
    petitioner_id_number: str = ""
    petitioner_address: str = ""
    petitioner_contact: str = ""
    channel: str = Channel.DESK
    repeat_of: str = ""


def _out(petition: Petition, who: identity.Identity) -> dict[str, object]:
    return {
        "id": petition.pk,
        "code": petition.code,
        "kind": petition.kind,
        "channel": petition.channel,
        "status": petition.status,
        "status_label": str(petition.get_status_display()),
        "addressed_to_id": petition.addressed_to_id,
        "received_at": petition.received_at,
        "accept_due": petition.accept_due,
        "settle_due": petition.settle_due,
        "extensions": petition.extensions,
        "respondent": petition.respondent,
        "summary": petition.summary,
        "forwarded_to": petition.forwarded_to,
        "decision_number": petition.decision_number,
        "repeat_of": petition.repeat_of.code if petition.repeat_of is not None else None,
        "petitioner_name": who.name,
        "petitioner_id_number": who.id_number,
        "petitioner_address": who.address,
        "petitioner_contact": who.contact,
    }


def _listed(petition: Petition) -> identity.Identity:
    if identity.is_protected(petition):
        return identity.masked()
    return identity.Identity(
        name=petition.petitioner_name,
        id_number=petition.petitioner_id_number,
        address=petition.petitioner_address,
        contact=petition.petitioner_contact,
    )


def _own(petition: Petition) -> identity.Identity:
    # The citizen's own letter: they typed these details themselves.
    return identity.Identity(
        name=petition.petitioner_name,
        id_number=petition.petitioner_id_number,
        address=petition.petitioner_address,
        contact=petition.petitioner_contact,
    )


@router.get(
    "/petitions",
    auth=django_auth,
    response=list[PetitionOut],
    summary="Sổ đơn của đơn vị tôi (cán bộ) hoặc đơn của tôi (công dân)",
)
def list_petitions(request: HttpRequest) -> list[dict[str, object]]:
    user = request_user(request)
    if user.kind == AccountKind.STAFF:
        remember_memberships(user)
        items = selectors.register(user).select_related("repeat_of")[:LIST_LIMIT]
        return [_out(p, _listed(p)) for p in items]
    return [_out(p, _own(p)) for p in selectors.own(user).select_related("repeat_of")]


def _one(user: User, petition_id: int) -> dict[str, object]:
    if user.kind == AccountKind.STAFF:
        remember_memberships(user)
        petition = selectors.petition_for_staff(user, petition_id)
        who = identity.read_identity(user, petition, purpose="api")
        return _out(petition, who or identity.masked())
    own = selectors.own(user).filter(pk=petition_id).first()
    if own is None:
        raise NotFound(ComplaintError.NOT_FOUND, _("Không tìm thấy đơn."))
    return _out(own, _own(own))


@router.get(
    "/petitions/{petition_id}",
    auth=django_auth,
    response={200: PetitionOut, **ERRORS},
    summary="Một đơn (thông tin người tố cáo chỉ cho người được phân công)",
)
def one(request: HttpRequest, petition_id: int) -> dict[str, object]:
    return _one(request_user(request), petition_id)


@router.post(
    "/petitions",
    auth=django_auth,
    response={201: PetitionOut, **ERRORS},
    summary="Vào sổ đơn (cán bộ) hoặc gửi đơn trực tuyến (công dân)",
)
def record(request: HttpRequest, payload: PetitionIn) -> Status[dict[str, object]]:
    user = request_user(request)
    unit = Unit.objects.filter(pk=payload.addressed_to_id, is_active=True).first()
    if unit is None:
        raise NotFound(ComplaintError.NOT_FOUND, _("Không tìm thấy cơ quan nhận đơn."))
    petition = services.record_petition(
        actor=user,
        letter=services.Letter(
            kind=payload.kind,
            petitioner_name=payload.petitioner_name,
            respondent=payload.respondent,
            summary=payload.summary,
            content=payload.content,
            request=payload.request,
            petitioner_id_number=payload.petitioner_id_number,
            petitioner_address=payload.petitioner_address,
            petitioner_contact=payload.petitioner_contact,
        ),
        addressed_to=unit,
        channel=payload.channel,
        repeat_of=payload.repeat_of,
    )
    # The recorder is not a handler: the answer masks a denouncer they just typed.
    return Status(
        201, _out(petition, _own(petition) if user.kind != AccountKind.STAFF else _listed(petition))
    )
