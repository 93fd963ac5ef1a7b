from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from egov.platform.accounts.access import request_user
from egov.platform.audit.models import AuditEvent
from egov.platform.audit.selectors import events_for_target
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.selectors import unit_for_user

router = Router(auth=django_auth)


class EventOut(Schema):
    id: int
    event_type: str
    actor: str | None
    unit_id: int | None
    target_type: str
    target_id: str
    details: dict[str, Any]
    created_at: datetime

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str | None:
        return obj.actor.username if obj.actor else None

    @staticmethod
    def resolve_target_type(obj: AuditEvent) -> str:
        return f"{obj.target_type.app_label}.{obj.target_type.model}"


@router.get(
    "/units/{unit_id}",
    response={200: list[EventOut], 404: ErrorOut},
    summary="Nhật ký thay đổi của một đơn vị",
)
def unit_trail(request: HttpRequest, unit_id: int) -> list[AuditEvent]:
    user = request_user(request)
    return events_for_target(unit_for_user(user, unit_id))
