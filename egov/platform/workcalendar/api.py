from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from egov.platform.core.schemas import ErrorOut
from egov.platform.workcalendar.deadlines import VN_TZ, due_at
from egov.platform.workcalendar.parsing import parse_amount, parse_start

router = Router()


class DueOut(Schema):
    start: str
    due: str
    working_days: str | None = None
    working_hours: str | None = None


@router.get(
    "/due",
    response={200: DueOut, 422: ErrorOut},
    auth=None,
    summary="Hạn giải quyết: thời điểm + số ngày/giờ làm việc",
)
def due(
    request: HttpRequest,
    start: str,
    working_days: str | None = None,
    working_hours: str | None = None,
) -> DueOut:
    """Add working days or working hours to `start`, by the official calendar.

    Answers `due` in ISO 8601 with the +07:00 offset.
    """
    moment = parse_start(start)
    days = parse_amount(working_days) if working_days is not None else None
    hours = parse_amount(working_hours) if working_hours is not None else None
    result = due_at(moment, working_days=days, working_hours=hours)
    return DueOut(
        start=moment.astimezone(VN_TZ).isoformat(),
        due=result.astimezone(VN_TZ).isoformat(),
        working_days=working_days,
        working_hours=working_hours,
    )
