"""The document office's statistics in the REST API: the same figures as the page."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.security import django_auth

from egov.office.statistics import figures
from egov.platform.accounts.access import request_user
from egov.platform.core.schemas import ErrorOut

router = Router(auth=django_auth)


class OfficeStatisticsFilters(Schema):
    unit_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


class IncomingFiguresOut(Schema):
    received: int
    electronic: int
    paper: int
    routed: int
    routed_percent: float | None
    on_time: int
    late: int
    on_time_percent: float | None
    open: int
    overdue: int
    signed: int
    signed_percent: float | None


class OutgoingFiguresOut(Schema):
    issued: int
    electronic: int
    paper: int
    signed: int
    signed_percent: float | None


class UnitFiguresOut(Schema):
    unit_id: int
    unit: str
    incoming: IncomingFiguresOut
    outgoing: OutgoingFiguresOut


class PersonFiguresOut(Schema):
    username: str
    name: str
    unit_id: int | None
    assigned: int
    on_time: int
    late: int
    open: int
    overdue: int


class OfficeStatisticsOut(Schema):
    unit_id: int
    unit: str
    date_from: date
    date_to: date
    incoming: IncomingFiguresOut
    outgoing: OutgoingFiguresOut
    units: list[UnitFiguresOut]
    people: list[PersonFiguresOut]


def _incoming(value: figures.Incoming) -> IncomingFiguresOut:
    return IncomingFiguresOut(
        received=value.received,
        electronic=value.electronic,
        paper=value.paper,
        routed=value.routed,
        routed_percent=value.routed_percent,
        on_time=value.on_time,
        late=value.late,
        on_time_percent=value.on_time_percent,
        open=value.open,
        overdue=value.overdue,
        signed=value.signed,
        signed_percent=value.signed_percent,
    )


def _outgoing(value: figures.Outgoing) -> OutgoingFiguresOut:
    return OutgoingFiguresOut(
        issued=value.issued,
        electronic=value.electronic,
        paper=value.paper,
        signed=value.signed,
        signed_percent=value.signed_percent,
    )


@router.get(
    "/statistics",
    response={200: OfficeStatisticsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Thống kê văn bản đến, văn bản đi của một đơn vị trong một khoảng thời gian",
)
def statistics(
    request: HttpRequest, filters: Query[OfficeStatisticsFilters]
) -> OfficeStatisticsOut:
    user = request_user(request)
    scope = figures.scope_for(user, filters.unit_id)
    start, end = figures.period(filters.date_from, filters.date_to, timezone.localdate())
    report = figures.report(scope=scope, date_from=start, date_to=end)
    return OfficeStatisticsOut(
        unit_id=scope.pk,
        unit=scope.name,
        date_from=start,
        date_to=end,
        incoming=_incoming(report.incoming),
        outgoing=_outgoing(report.outgoing),
        units=[
            UnitFiguresOut(
                unit_id=row.unit.pk,
                unit=row.unit.name,
                incoming=_incoming(row.incoming),
                outgoing=_outgoing(row.outgoing),
            )
            for row in report.units
        ],
        people=[
            PersonFiguresOut(
                username=person.user.username,
                name=person.user.display_name,
                unit_id=person.unit.pk if person.unit else None,
                assigned=person.assigned,
                on_time=person.on_time,
                late=person.late,
                open=person.open,
                overdue=person.overdue,
            )
            for person in report.people
        ],
    )
