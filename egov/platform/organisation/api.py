from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from egov.platform.accounts.access import request_user, visible_units
from egov.platform.accounts.models import User
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.selectors import children, unit_for_user
from egov.platform.organisation.services import create_unit

router = Router(auth=django_auth)


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    parent_id: int | None
    stat_code: str | None
    agency_code: str | None
    depth: int
    is_active: bool

    @staticmethod
    def resolve_kind_label(obj: Unit) -> str:
        return str(obj.get_kind_display())


class UnitIn(Schema):
    name: str
    kind: UnitKind
    parent_id: int
    stat_code: str | None = None
    agency_code: str | None = None


def _user(request: HttpRequest) -> User:
    return request_user(request)


@router.get("/", response=list[UnitOut], summary="Đơn vị người dùng được xem")
def list_units(request: HttpRequest, kind: UnitKind | None = None) -> list[Unit]:
    units = visible_units(_user(request)).order_by("path")
    if kind is not None:
        units = units.filter(kind=kind)
    return list(units[:1000])


@router.get("/{unit_id}", response={200: UnitOut, 404: ErrorOut}, summary="Một đơn vị")
def get_unit(request: HttpRequest, unit_id: int) -> Unit:
    return unit_for_user(_user(request), unit_id)


@router.get(
    "/{unit_id}/children", response={200: list[UnitOut], 404: ErrorOut}, summary="Đơn vị trực thuộc"
)
def list_children(request: HttpRequest, unit_id: int) -> list[Unit]:
    unit = unit_for_user(_user(request), unit_id)
    return children(unit)


@router.post(
    "/",
    response={201: UnitOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Tạo đơn vị trực thuộc (quản trị)",
)
def post_unit(request: HttpRequest, payload: UnitIn) -> Status[Unit]:
    user = _user(request)
    parent = unit_for_user(user, payload.parent_id)
    unit = create_unit(
        actor=user,
        name=payload.name,
        kind=payload.kind,
        parent=parent,
        stat_code=payload.stat_code,
        agency_code=payload.agency_code,
    )
    return Status(201, unit)
