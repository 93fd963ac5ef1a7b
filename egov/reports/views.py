"""The leader's dashboard (/thong-ke/) and the public statistics page (/thong-ke/cong-khai/).

Query parameters: `don_vi` (unit), `tu`/`den` (YYYY-MM-DD, local dates),
`con` ("1": with sub-units, the default; "0": the unit alone), `linh_vuc`
(field), `thu_tuc` (procedure); the public page takes `tinh` and `nam`.
`dinh_dang=xlsx|pdf` downloads the tables instead, `bang=<key>` one of them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.accounts.access import request_user, visible_units
from egov.accounts.models import AccountKind
from egov.core.errors import DomainError
from egov.dossiers.printing.register import BadPeriod, parse_period
from egov.organisation.models import Unit, UnitKind
from egov.organisation.selectors import unit_for_user
from egov.procedures.models import Field, Procedure
from egov.reports import charts
from egov.reports.chase import late_dossiers, workload
from egov.reports.exports import download
from egov.reports.indicators import indicator_set
from egov.reports.scope import Period, Scope
from egov.reports.statistics import Counts, dossier_statistics, grouped_counts, monthly_trend
from egov.reports.tables import (
    Table,
    breakdown_table,
    indicator_table,
    late_table,
    summary_table,
    trend_table,
    workload_table,
)
from egov.workcalendar.deadlines import VN_TZ, WorkingCalendar

FORMATS = ("xlsx", "pdf")
PUBLIC_YEARS = 5


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def _error(request: HttpRequest, status: int, heading: str, message: str) -> HttpResponse:
    return render(
        request, "reports/error.html", {"heading": heading, "message": message}, status=status
    )


def _export(
    request: HttpRequest,
    tables: list[Table],
    heading: str,
    subtitle: str,
    filename: str,
    **extra: Any,
) -> HttpResponse | None:
    fmt = request.GET.get("dinh_dang")
    if fmt not in FORMATS:
        return None
    key = request.GET.get("bang")
    chosen = [t for t in tables if t.key == key] if key else tables
    if not chosen:
        return _error(request, 404, _("Không tìm thấy"), _("Không có bảng số liệu này."))
    if key:
        filename = f"{filename}-{key}"
        extra = {}
    return download(fmt, chosen, heading, subtitle, filename, **extra)


def _base_query(request: HttpRequest) -> str:
    query: QueryDict = request.GET.copy()
    query.pop("dinh_dang", None)
    query.pop("bang", None)
    return query.urlencode()


def _period_text(period: Period) -> str:
    return _("Từ %(first)s đến %(last)s") % {
        "first": f"{period.first:%d/%m/%Y}",
        "last": f"{period.last:%d/%m/%Y}",
    }


def _channels(stats: Counts) -> SafeString:
    return charts.split_bar(
        [
            (stats.new_direct, charts.ON_TIME),
            (stats.new_online, charts.EARLY),
            (stats.new_postal, charts.POSTAL),
        ]
    )


def _default_unit(units: list[Unit]) -> Unit:
    return min(units, key=lambda u: (u.depth, u.name))


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    units = list(visible_units(user).order_by("path")) if user.kind == AccountKind.STAFF else []
    if not units:
        return _error(
            request,
            403,
            _("Không có quyền truy cập"),
            _("Trang thống kê dành cho cán bộ của các cơ quan, đơn vị."),
        )
    requested = _int(request.GET.get("don_vi"))
    try:
        unit = _default_unit(units) if requested is None else unit_for_user(user, requested)
    except DomainError:
        return _error(request, 404, _("Không tìm thấy"), _("Không tìm thấy đơn vị."))
    try:
        if request.GET.get("tu") or request.GET.get("den"):
            period = Period(*parse_period(request.GET.get("tu"), request.GET.get("den")))
        else:
            period = Period.year_to_date()
    except BadPeriod as exc:
        return _error(request, 400, _("Yêu cầu không hợp lệ"), exc.message)
    field_id, procedure_id = _int(request.GET.get("linh_vuc")), _int(request.GET.get("thu_tuc"))
    field = Field.objects.filter(pk=field_id).first() if field_id else None
    procedure = Procedure.objects.filter(pk=procedure_id).first() if procedure_id else None
    scope = Scope(
        unit,
        include_subunits=request.GET.get("con", "1") != "0",
        procedure=procedure,
        field=field,
    )
    units_depth = min(u.depth for u in units)
    now = timezone.now()
    calendar = WorkingCalendar.load()
    stats = dossier_statistics(scope, period, calendar)
    indicators = indicator_set(scope, period, stats)
    trend = monthly_trend(scope, period)
    late_total, late = late_dossiers(scope, now, calendar)
    loads = workload(scope, now)
    tables = [
        summary_table(stats),
        indicator_table(indicators),
        trend_table(trend),
        late_table(late_total, late),
        workload_table(loads),
    ]
    chart = charts.trend_chart(trend)
    subtitle = _period_text(period)
    heading = unit.name
    if not scope.include_subunits:
        heading = _("%(unit)s (không gồm đơn vị trực thuộc)") % {"unit": unit.name}
    exported = _export(
        request,
        tables,
        heading,
        subtitle,
        f"thong-ke-{unit.pk}-{period.first:%Y%m%d}-{period.last:%Y%m%d}",
        chart=chart,
    )
    if exported is not None:
        return exported
    return render(
        request,
        "reports/dashboard.html",
        {
            "units": [(u, "· " * (u.depth - units_depth)) for u in units],
            "unit": unit,
            "scope": scope,
            "period": period,
            "subtitle": subtitle,
            "heading": heading,
            "fields": Field.objects.order_by("name"),
            "procedures": Procedure.objects.filter(scope.agencies("processes__"), is_active=True)
            .distinct()
            .order_by("code"),
            "stats": stats,
            "indicators": indicators,
            "chart": chart,
            "chart_compact": charts.trend_chart(trend, compact=True),
            "channels": _channels(stats),
            "summary_table": tables[0],
            "indicator_table": tables[1],
            "trend_table": tables[2],
            "late_table": tables[3],
            "workload_table": tables[4],
            "query": _base_query(request),
            "now": now.astimezone(VN_TZ),
        },
    )


def _by_unit(province: Unit, scope: Scope, period: Period) -> list[tuple[str, Counts]]:
    """Per unit directly under the province, by deciding agency."""
    counts = grouped_counts(scope, period, "agency__path")
    children = list(Unit.objects.filter(parent=province).order_by("kind", "name"))
    totals: dict[int, Counts] = {}
    own = Counts()
    for path, c in counts.items():
        child = next((u for u in children if path.startswith(u.path)), None)
        if child is None:
            own = own + c
        else:
            totals[child.pk] = totals.get(child.pk, Counts()) + c
    rows = [(u.name, totals[u.pk]) for u in children if u.pk in totals]
    if own.received or own.not_accepted:
        rows.insert(0, (_("%(unit)s (cấp tỉnh)") % {"unit": province.name}, own))
    return rows


@require_GET
def public(request: HttpRequest) -> HttpResponse:
    """The province's figures, as the national portal publishes them: no personal data."""
    provinces = list(
        Unit.objects.filter(kind=UnitKind.PROVINCE, parent__isnull=True, is_active=True).order_by(
            "name"
        )
    )
    wanted = _int(request.GET.get("tinh"))
    province = next((p for p in provinces if p.pk == wanted), None) if wanted else None
    if province is None and provinces and wanted is None:
        province = provinces[0]
    if province is None:
        return _error(request, 404, _("Không tìm thấy"), _("Không tìm thấy tỉnh, thành phố."))
    this_year = timezone.localdate(timezone=VN_TZ).year
    years = list(range(this_year, this_year - PUBLIC_YEARS, -1))
    year = _int(request.GET.get("nam")) or this_year
    if year not in years:
        return _error(request, 404, _("Không tìm thấy"), _("Chỉ công khai số liệu 5 năm gần nhất."))
    period = Period.year(year)
    scope = Scope(province)
    stats = dossier_statistics(scope, period)
    indicators = indicator_set(scope, period, stats)
    trend = monthly_trend(scope, period)
    by_field = grouped_counts(scope, period, "procedure__field__name")
    tables = [
        summary_table(stats),
        indicator_table(indicators),
        trend_table(trend),
        breakdown_table(
            "don-vi",
            _("Kết quả theo cơ quan, đơn vị"),
            _("Cơ quan, đơn vị"),
            _by_unit(province, scope, period),
        ),
        breakdown_table(
            "linh-vuc",
            _("Kết quả theo lĩnh vực"),
            _("Lĩnh vực"),
            sorted(
                ((name or _("Chưa phân loại"), c) for name, c in by_field.items()),
                key=lambda row: (-row[1].received, row[0]),
            ),
        ),
    ]
    chart = charts.trend_chart(trend)
    subtitle = _("Năm %(year)s (%(period)s)") % {"year": year, "period": _period_text(period)}
    exported = _export(
        request,
        tables,
        province.name,
        subtitle,
        f"thong-ke-cong-khai-{province.pk}-{year}",
        chart=chart,
    )
    if exported is not None:
        return exported
    response = render(
        request,
        "reports/public.html",
        {
            "provinces": provinces,
            "province": province,
            "years": years,
            "year": year,
            "subtitle": subtitle,
            "stats": stats,
            "indicators": indicators,
            "chart": chart,
            "chart_compact": charts.trend_chart(trend, compact=True),
            "channels": _channels(stats),
            "summary_table": tables[0],
            "indicator_table": tables[1],
            "trend_table": tables[2],
            "unit_table": tables[3],
            "field_table": tables[4],
            "query": _base_query(request),
        },
    )
    response["Cache-Control"] = "public, max-age=300"
    return response
