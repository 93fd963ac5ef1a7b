"""The reception register in the REST API: the lines of the caller's bodies, and recording one.

The same rules as the register page: staff who receive citizens (reception,
clerks, specialists, heads, leaders) of a body read its lines and record new
ones; a denouncer is masked (services.shown_citizen), and the citizen's
identity number and address never leave the page's form.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import django_auth

from egov.platform.accounts.access import remember_memberships, request_user
from egov.platform.accounts.models import AccountKind, Membership
from egov.platform.core.errors import NotFound
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.models import Unit
from egov.voice.reception import services
from egov.voice.reception.errors import ReceptionError
from egov.voice.reception.models import Reception

router = Router()
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
LIST_LIMIT = 200


class ReceptionLineOut(Schema):
    id: int
    unit_id: int
    received_at: datetime
    kind: str
    officer: str
    place: str
    citizen: str
    # The delegation's other representatives (none shown for a denunciation).
    representatives: list[str]
    people: int
    group: bool
    matter: str
    content: str
    handling: str
    lead_unit: str
    coordinating_units: str
    deadline: date | None
    result: str
    wants_leader: bool
    appointment: datetime | None
    petition_code: str | None


class ReceptionLineIn(Schema):
    unit_id: int
    kind: str
    place: str
    citizen_name: str
    matter: str
    content: str
    handling: str
    people: int = 1
    representatives: list[str] = []
    citizen_id_number: str = ""
    citizen_address: str = ""
    lead_unit: str = ""
    coordinating_units: str = ""
    deadline: date | None = None
    result: str = ""
    wants_leader: bool = False
    appointment: datetime | None = None
    petition_code: str = ""


def _out(r: Reception) -> dict[str, object]:
    return {
        "id": r.pk,
        "unit_id": r.unit_id,
        "received_at": r.received_at,
        "kind": r.kind,
        "officer": r.officer.display_name,
        "place": r.place,
        "citizen": services.shown_citizen(r),
        "representatives": services.shown_representatives(r),
        "people": r.people,
        "group": r.is_group,
        "matter": r.matter,
        "content": r.content,
        "handling": r.handling,
        "lead_unit": r.lead_unit,
        "coordinating_units": r.coordinating_units,
        "deadline": r.deadline,
        "result": r.result,
        "wants_leader": r.wants_leader,
        "appointment": r.appointment,
        "petition_code": r.petition.code if r.petition is not None else None,
    }


@router.get(
    "/receptions",
    auth=django_auth,
    response=list[ReceptionLineOut],
    summary="Sổ tiếp công dân của các cơ quan của tôi (mới nhất trước)",
)
def list_receptions(request: HttpRequest) -> list[dict[str, object]]:
    user = request_user(request)
    if user.kind != AccountKind.STAFF:
        return []
    paths = Membership.objects.filter(
        user=user, role__in=services.RECEIVERS, unit__is_active=True
    ).values_list("unit__path", flat=True)
    under = Q(pk__in=[])
    for path in paths:
        under |= Q(unit__path__startswith=path)
    rows = Reception.objects.filter(under).select_related("officer", "petition")
    return [_out(r) for r in rows.order_by("-received_at", "-pk")[:LIST_LIMIT]]


@router.post(
    "/receptions",
    auth=django_auth,
    response={201: ReceptionLineOut, **ERRORS},
    summary="Vào sổ một lượt tiếp công dân",
)
def record(request: HttpRequest, payload: ReceptionLineIn) -> Status[dict[str, object]]:
    user = request_user(request)
    remember_memberships(user)
    unit = Unit.objects.filter(pk=payload.unit_id, is_active=True).first()
    if unit is None:
        raise NotFound(ReceptionError.NOT_FOUND, _("Không tìm thấy cơ quan."))
    data = payload.dict()
    del data["unit_id"]
    data["representatives"] = tuple(payload.representatives)
    reception = services.record_reception(actor=user, unit=unit, visit=services.Visit(**data))
    return Status(201, _out(reception))
