from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import Membership

router = Router(auth=django_auth)


class MembershipOut(Schema):
    unit_id: int
    unit_name: str
    role: str
    role_label: str
    title: str


class MeOut(Schema):
    username: str
    full_name: str
    kind: str
    memberships: list[MembershipOut]


@router.get("/", response=MeOut, summary="Tài khoản đang đăng nhập")
def me(request: HttpRequest) -> MeOut:
    user = request_user(request)
    memberships = Membership.objects.filter(user=user).select_related("unit").order_by("unit__path")
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        kind=user.kind,
        memberships=[
            MembershipOut(
                unit_id=m.unit_id,
                unit_name=m.unit.name,
                role=m.role,
                role_label=str(m.get_role_display()),
                title=m.title,
            )
            for m in memberships
        ],
    )
