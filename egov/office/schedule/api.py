"""The weekly schedule in the REST API: the published week for anyone, editing for the office."""

from __future__ import annotations

from datetime import date, datetime, time

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import django_auth

from egov.platform.accounts.access import request_user
from egov.platform.core.errors import NotFound
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.models import Unit

from . import selectors, services
from .access import may_edit
from .errors import ScheduleError
from .models import ScheduleEntry, WeeklySchedule
from .services import EntryData
from .weeks import parse_week

router = Router()


class EntryIn(Schema):
    day: date
    start_time: time
    end_time: time | None = None
    content: str
    chair: str
    place: str
    participants: str = ""
    preparing_unit: str = ""

    def data(self) -> EntryData:
        return EntryData(**self.dict())


class EntryOut(Schema):
    id: int
    day: date
    start_time: time
    end_time: time | None
    content: str
    chair: str
    participants: str
    place: str
    preparing_unit: str
    changed_after_publication: bool
    cancelled: bool


class WeekOut(Schema):
    unit_id: int
    week_start: date
    status: str
    revision: int
    published_at: datetime | None
    entries: list[EntryOut]


def _week_out(schedule: WeeklySchedule) -> WeekOut:
    return WeekOut(
        unit_id=schedule.unit_id,
        week_start=schedule.week_start,
        status=schedule.status,
        revision=schedule.revision,
        published_at=schedule.published_at,
        entries=[EntryOut.from_orm(e) for e in selectors.entries(schedule)],
    )


def _not_found() -> NotFound:
    return NotFound(
        ScheduleError.ENTRY_NOT_FOUND, "Không có lịch công tác đã công bố cho tuần này."
    )


@router.get(
    "/units/{unit_id}/weeks/{week}",
    response={200: WeekOut, 404: ErrorOut, 422: ErrorOut},
    summary="Lịch công tác tuần đã công bố của một đơn vị (tuần dạng 2026-W49)",
)
def published(request: HttpRequest, unit_id: int, week: str) -> WeekOut:
    unit = selectors.public_unit(unit_id)
    monday = parse_week(week, today=timezone.localdate())
    schedule = selectors.published_week(unit, monday) if unit else None
    if schedule is None:
        raise _not_found()
    return _week_out(schedule)


def _editable(request: HttpRequest, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None or not may_edit(request_user(request), unit):
        raise NotFound(
            ScheduleError.NOT_ALLOWED,
            "Không tìm thấy đơn vị hoặc bạn không soạn lịch của đơn vị này.",
        )
    return unit


@router.post(
    "/units/{unit_id}/entries",
    auth=django_auth,
    response={201: EntryOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Thêm mục vào lịch công tác tuần (văn thư, lãnh đạo)",
)
def add_entry(request: HttpRequest, unit_id: int, payload: EntryIn) -> Status[ScheduleEntry]:
    unit = _editable(request, unit_id)
    return Status(
        201, services.add_entry(actor=request_user(request), unit=unit, data=payload.data())
    )


@router.put(
    "/entries/{entry_id}",
    auth=django_auth,
    response={200: EntryOut, 404: ErrorOut, 422: ErrorOut},
    summary="Sửa một mục lịch công tác",
)
def change_entry(request: HttpRequest, entry_id: int, payload: EntryIn) -> ScheduleEntry:
    return services.change_entry(
        actor=request_user(request), entry_id=entry_id, data=payload.data()
    )


class CancelOut(Schema):
    deleted: bool


@router.post(
    "/entries/{entry_id}/cancel",
    auth=django_auth,
    response={200: CancelOut, 404: ErrorOut, 422: ErrorOut},
    summary="Hủy (dự thảo) hoặc hoãn (đã công bố) một mục lịch công tác",
)
def cancel_entry(request: HttpRequest, entry_id: int) -> CancelOut:
    kept = services.cancel_entry(actor=request_user(request), entry_id=entry_id)
    return CancelOut(deleted=kept is None)


@router.post(
    "/units/{unit_id}/weeks/{week}/publish",
    auth=django_auth,
    response={200: WeekOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Lãnh đạo duyệt và công bố lịch công tác tuần",
)
def publish(request: HttpRequest, unit_id: int, week: str) -> WeekOut:
    unit = _editable(request, unit_id)
    monday = parse_week(week, today=timezone.localdate())
    return _week_out(
        services.publish_week(actor=request_user(request), unit=unit, week_start=monday)
    )
