"""The leaders' regular reception days, the month's check and a reception's outcome in the API.

The same services and rules as the pages: staff who receive citizens in a
body (or above it) read its days and its check; heads and leaders schedule
days (services.schedule_day); receivers write what a reception led to
(services.record_outcome). A body or a register line the caller may not see
answers 404, as on the pages. The rule's source and its "unverified" mark
(frequency.py) travel with the check.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema, Status
from ninja.security import django_auth

from egov.platform.accounts.access import remember_memberships, request_user
from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import InvalidInput, NotFound
from egov.platform.organisation.models import Unit
from egov.voice.reception import frequency, selectors, services
from egov.voice.reception.api import ERRORS, LIST_LIMIT, ReceptionLineOut, _out, router
from egov.voice.reception.errors import ReceptionError
from egov.voice.reception.models import ReceptionDay


class ReceptionDayOut(Schema):
    id: int
    unit_id: int
    unit: str
    leader_id: int
    leader: str
    date: date
    place: str
    note: str


class ReceptionDayIn(Schema):
    unit_id: int
    leader_id: int
    date: date
    place: str
    note: str = ""


class ReceptionWeekOut(Schema):
    monday: date
    held: int
    short: bool


class LeaderMonthOut(Schema):
    leader_id: int
    leader: str
    scheduled: list[date]
    held: list[date]
    required: int
    weeks: list[ReceptionWeekOut]
    short: bool
    judged: bool


class RuleOut(Schema):
    days: int
    per: str
    source: str
    verified: bool


class MonthCheckOut(Schema):
    unit_id: int
    month: str
    rule: RuleOut | None
    leaders: list[LeaderMonthOut]


class OutcomeIn(Schema):
    result: str
    petition_code: str = ""


def _day_out(day: ReceptionDay) -> dict[str, object]:
    return {
        "id": day.pk,
        "unit_id": day.unit_id,
        "unit": day.unit.name,
        "leader_id": day.leader_id,
        "leader": day.leader.display_name,
        "date": day.date,
        "place": day.place,
        "note": day.note,
    }


def _month(raw: str) -> tuple[int, int]:
    if not raw:
        today = timezone.localdate()
        return today.year, today.month
    try:
        first = date.fromisoformat(f"{raw}-01")
    except ValueError:
        raise InvalidInput(
            ReceptionError.INVALID_FIELD,
            _("Tháng không hợp lệ: nhập theo dạng năm-tháng, ví dụ 2026-12."),
        ) from None
    return first.year, first.month


def _checked_unit(user: User, unit_id: int | None) -> Unit:
    """The body asked for, if the caller receives citizens in it or above; else 404."""
    units = selectors.units_checked_by(user)
    if unit_id is None and units:
        return units[0]
    unit = Unit.objects.filter(pk=unit_id or 0, is_active=True).first()
    if unit is None or not any(unit.path.startswith(u.path) for u in units):
        raise NotFound(ReceptionError.NOT_FOUND, _("Không tìm thấy cơ quan."))
    return unit


@router.get(
    "/days",
    auth=django_auth,
    response={200: list[ReceptionDayOut], **ERRORS},
    summary="Lịch tiếp công dân định kỳ của lãnh đạo các cơ quan của tôi trong một tháng",
)
def list_days(request: HttpRequest, month: str = "") -> list[dict[str, object]]:
    """`month`: YYYY-MM (this month when empty)."""
    user = request_user(request)
    year, number = _month(month.strip())
    units = selectors.units_checked_by(user)
    under = Q(pk__in=[])
    for unit in units:
        under |= Q(unit__path__startswith=unit.path)
    rows = ReceptionDay.objects.filter(under, date__year=year, date__month=number)
    rows = rows.select_related("unit", "leader").order_by("date", "pk")
    return [_day_out(d) for d in rows[:LIST_LIMIT]]


@router.post(
    "/days",
    auth=django_auth,
    response={201: ReceptionDayOut, **ERRORS},
    summary="Xếp một ngày tiếp công dân định kỳ của lãnh đạo",
)
def schedule_day(request: HttpRequest, payload: ReceptionDayIn) -> Status[dict[str, object]]:
    user = request_user(request)
    remember_memberships(user)
    unit = Unit.objects.filter(pk=payload.unit_id, is_active=True).first()
    leader = User.objects.filter(pk=payload.leader_id, is_active=True).first()
    if unit is None or leader is None:
        raise NotFound(ReceptionError.NOT_FOUND, _("Không tìm thấy cơ quan hoặc lãnh đạo."))
    day = services.schedule_day(
        actor=user,
        unit=unit,
        leader=leader,
        day=payload.date,
        place=payload.place,
        note=payload.note,
    )
    return Status(201, _day_out(day))


@router.get(
    "/check",
    auth=django_auth,
    response={200: MonthCheckOut, **ERRORS},
    summary="Kiểm tra việc tiếp công dân định kỳ của lãnh đạo một cơ quan trong một tháng",
)
def check(request: HttpRequest, unit_id: int | None = None, month: str = "") -> dict[str, object]:
    """`unit_id`: the caller's first body when absent; `month`: YYYY-MM (this month when empty)."""
    user = request_user(request)
    if user.kind != AccountKind.STAFF:
        raise NotFound(ReceptionError.NOT_FOUND, _("Không tìm thấy cơ quan."))
    unit = _checked_unit(user, unit_id)
    year, number = _month(month.strip())
    result = frequency.check_month(unit=unit, year=year, month=number, today=timezone.localdate())
    rule = result.frequency
    return {
        "unit_id": unit.pk,
        "month": f"{year:04d}-{number:02d}",
        "rule": None
        if rule is None
        else {"days": rule.days, "per": rule.per, "source": rule.source, "verified": rule.verified},
        "leaders": [
            {
                "leader_id": line.leader.pk,
                "leader": line.leader.display_name,
                "scheduled": line.scheduled,
                "held": line.held,
                "required": line.required,
                "weeks": [
                    {"monday": w.monday, "held": w.held, "short": w.short} for w in line.weeks
                ],
                "short": line.short,
                "judged": line.judged,
            }
            for line in result.leaders
        ],
    }


@router.post(
    "/receptions/{reception_id}/outcome",
    auth=django_auth,
    response={200: ReceptionLineOut, **ERRORS},
    summary="Ghi kết quả của một lượt tiếp công dân (và đơn đã vào sổ)",
)
def outcome(request: HttpRequest, reception_id: int, payload: OutcomeIn) -> dict[str, object]:
    user = request_user(request)
    remember_memberships(user)
    line = selectors.reception_for_staff(user, reception_id)
    line = services.record_outcome(
        actor=user, reception=line, result=payload.result, petition_code=payload.petition_code
    )
    return _out(line)
