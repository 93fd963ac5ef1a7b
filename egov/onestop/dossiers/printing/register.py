"""Form 07, the dossier register (sổ theo dõi hồ sơ) of a unit for a period.

A dossier belongs to a unit's register when the unit or one of its
sub-units received it or decides it, and it was received in the period
(dates in Vietnam's time zone, both ends included).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier, DossierStatus, Timeliness
from egov.onestop.dossiers.printing.forms import PrintedForm, date_text, letterhead, short_moment
from egov.platform.organisation.models import Unit
from egov.platform.web.widgets import parse_date
from egov.platform.workcalendar.deadlines import VN_TZ

# WeasyPrint lays out about a hundred rows a second; a bigger register is a
# report for the statistics module, not a page to print.
MAX_ROWS = 2000
MAX_DAYS = 366


class BadPeriod(Exception):
    """The period asked for cannot be printed; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RegisterRow:
    number: int
    code: str
    applicant: str
    contact: str
    procedure: str
    agency: str
    received: str
    appointment: str
    ended: str
    status: str
    timeliness: str


def parse_period(start: str | None, end: str | None) -> tuple[date, date]:
    """The `tu`/`den` query parameters (dd/mm/yyyy, or ISO) as a checked period."""
    if not start or not end:
        raise BadPeriod(_("Cần chọn từ ngày và đến ngày (dạng dd/mm/yyyy, ví dụ 01/03/2026)."))
    try:
        first, last = parse_date(start), parse_date(end)
    except ValidationError as exc:
        raise BadPeriod(
            _("Ngày không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 01/03/2026.")
        ) from exc
    if last < first:
        raise BadPeriod(_("Đến ngày phải bằng hoặc sau từ ngày."))
    if (last - first).days >= MAX_DAYS:
        raise BadPeriod(_("Chỉ in sổ theo dõi cho tối đa 366 ngày mỗi lần."))
    return first, last


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    return (
        datetime.combine(first, time.min, tzinfo=VN_TZ),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=VN_TZ),
    )


def unit_scope(unit: Unit) -> Q:
    """The dossiers of a unit's register: received or decided in its subtree.

    The statistics (egov/onestop/reports) count the same dossiers, so the two agree.
    """
    return Q(receiving_unit__path__startswith=unit.path) | Q(agency__path__startswith=unit.path)


def register_dossiers(unit: Unit, first: date, last: date) -> list[Dossier]:
    start, stop = _bounds(first, last)
    found = list(
        Dossier.objects.filter(
            unit_scope(unit),
            received_at__gte=start,
            received_at__lt=stop,
        )
        .select_related("procedure", "agency")
        .order_by("received_at", "pk")[: MAX_ROWS + 1]
    )
    if len(found) > MAX_ROWS:
        raise BadPeriod(
            _("Khoảng thời gian có hơn %(max)s hồ sơ. Hãy chọn khoảng ngắn hơn.")
            % {"max": MAX_ROWS}
        )
    return found


def _row(number: int, dossier: Dossier) -> RegisterRow:
    contact = " · ".join(p for p in (dossier.applicant_address, dossier.applicant_phone) if p)
    return RegisterRow(
        number=number,
        code=dossier.code or "",
        applicant=dossier.applicant_name,
        contact=contact,
        procedure=dossier.procedure.name,
        agency=dossier.agency.name,
        received=short_moment(dossier.received_at),
        appointment=short_moment(dossier.appointment_at),
        ended=short_moment(dossier.ended_at),
        status=str(DossierStatus(dossier.status).label),
        timeliness=str(Timeliness(dossier.timeliness).label) if dossier.timeliness else "",
    )


def dossier_register(unit: Unit, first: date, last: date) -> PrintedForm:
    """07: Sổ theo dõi hồ sơ."""
    dossiers = register_dossiers(unit, first, last)
    counts = Counter(d.timeliness or "open" for d in dossiers)
    return PrintedForm(
        number="07",
        template="printing/07_register.html",
        title=_("Sổ theo dõi hồ sơ"),
        context={
            "letterhead": letterhead(unit, timezone.now()),
            "unit": unit,
            "period": _("Từ %(first)s đến %(last)s")
            % {"first": date_text(first), "last": date_text(last)},
            "rows": [_row(i, d) for i, d in enumerate(dossiers, start=1)],
            "total": len(dossiers),
            "early": counts[Timeliness.EARLY.value],
            "on_time": counts[Timeliness.ON_TIME.value],
            "late": counts[Timeliness.LATE.value],
            "open": counts["open"],
        },
    )
