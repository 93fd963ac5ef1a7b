"""The leader's dashboard (/thong-ke/) and the public statistics page (/thong-ke/cong-khai/).

Query parameters: `don_vi` (unit), `tu`/`den` (YYYY-MM-DD, local dates),
`con` ("1": with sub-units, the default; "0": the unit alone), `linh_vuc`
(field), `thu_tuc` (procedure); the public page takes `tinh` and `nam`.
`dinh_dang=xlsx|pdf` downloads the tables instead, `bang=<key>` one of them.

The dashboard's exports of a large scope run as background jobs: POST
/thong-ke/xuat/ queues one and shows /thong-ke/xuat/<job>/, which polls until
/thong-ke/xuat/<job>/tai-ve/ serves the file (see egov/onestop/reports/tasks.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.onestop.dossiers.printing.register import BadPeriod, parse_period
from egov.onestop.procedures.models import Field, Procedure
from egov.onestop.reports import charts
from egov.onestop.reports.dashboard import TABLE_KEYS, build_dashboard, export_filename, period_text
from egov.onestop.reports.dashboard import heading as heading_of
from egov.onestop.reports.exports import attachment, download
from egov.onestop.reports.indicators.scoring import IndicatorSet
from egov.onestop.reports.indicators.selectors import indicator_set
from egov.onestop.reports.rollups.readers import (
    counts_by_agency_path,
    counts_by_field_name,
    rollup_statistics,
    rollup_trend,
)
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.services import may_enter
from egov.onestop.reports.statistics import Counts, DossierStatistics, MonthRow
from egov.onestop.reports.tables import (
    Table,
    breakdown_table,
    indicator_table,
    summary_table,
    trend_table,
)
from egov.onestop.reports.tasks import (
    KEEP_EXPORTS,
    ExportRequest,
    export_content,
    export_for_user,
    is_large,
    request_export,
    sync_limit,
)
from egov.platform.accounts.access import request_user, visible_units
from egov.platform.accounts.models import AccountKind
from egov.platform.core.errors import DomainError
from egov.platform.jobs.models import ACTIVE, Job, JobStatus
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.selectors import children as unit_children
from egov.platform.organisation.selectors import unit_for_user
from egov.platform.workcalendar.deadlines import VN_TZ, WorkingCalendar

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
        return _not_found_table(request)
    if key:
        filename = f"{filename}-{key}"
        extra = {}
    return download(fmt, chosen, heading, subtitle, filename, **extra)


def _not_found_table(request: HttpRequest) -> HttpResponse:
    return _error(request, 404, _("Không tìm thấy"), _("Không có bảng số liệu này."))


def _base_query(request: HttpRequest) -> str:
    query: QueryDict = request.GET.copy()
    query.pop("dinh_dang", None)
    query.pop("bang", None)
    return query.urlencode()


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


def _dashboard_scope(
    request: HttpRequest, params: QueryDict
) -> tuple[list[Unit], Scope, Period] | HttpResponse:
    """The units the user may see, and the scope and period asked for (or an error page)."""
    user = request_user(request)
    units = list(visible_units(user).order_by("path")) if user.kind == AccountKind.STAFF else []
    if not units:
        return _error(
            request,
            403,
            _("Không có quyền truy cập"),
            _("Trang thống kê dành cho cán bộ của các cơ quan, đơn vị."),
        )
    requested = _int(params.get("don_vi"))
    try:
        unit = _default_unit(units) if requested is None else unit_for_user(user, requested)
    except DomainError:
        return _error(request, 404, _("Không tìm thấy"), _("Không tìm thấy đơn vị."))
    try:
        if params.get("tu") or params.get("den"):
            period = Period(*parse_period(params.get("tu"), params.get("den")))
        else:
            period = Period.year_to_date()
    except BadPeriod as exc:
        return _error(request, 400, _("Yêu cầu không hợp lệ"), exc.message)
    field_id, procedure_id = _int(params.get("linh_vuc")), _int(params.get("thu_tuc"))
    field = Field.objects.filter(pk=field_id).first() if field_id else None
    procedure = Procedure.objects.filter(pk=procedure_id).first() if procedure_id else None
    scope = Scope(
        unit,
        include_subunits=params.get("con", "1") != "0",
        procedure=procedure,
        field=field,
    )
    return units, scope, period


def _export_fields(scope: Scope, period: Period) -> list[tuple[str, str]]:
    """The hidden fields of an export form: the scope and period, as the query has them."""
    fields = [
        ("don_vi", str(scope.unit.pk)),
        ("tu", period.first.isoformat()),
        ("den", period.last.isoformat()),
        ("con", "1" if scope.include_subunits else "0"),
    ]
    if scope.field is not None:
        fields.append(("linh_vuc", str(scope.field.pk)))
    if scope.procedure is not None:
        fields.append(("thu_tuc", str(scope.procedure.pk)))
    return fields


def _dashboard_export(
    request: HttpRequest, scope: Scope, period: Period, fmt: str, key: str, *, confirmed: bool
) -> HttpResponse:
    """A small export at once; a large one as a job (see egov/onestop/reports/tasks.py).

    A GET never queues a job (no change on a GET, no cross-site trigger): for
    a large scope it shows a button that POSTs the same request.
    """
    if key and key not in TABLE_KEYS:
        return _not_found_table(request)
    if is_large(scope, period):
        if not confirmed:
            return render(
                request,
                "reports/export_confirm.html",
                {
                    "heading": heading_of(scope),
                    "subtitle": period_text(period),
                    "fields": [*_export_fields(scope, period), ("dinh_dang", fmt), ("bang", key)],
                    # A plain link back, not javascript:history.back(), which
                    # the Content-Security-Policy refuses (issue 16).
                    "back": reverse("reports:dashboard")
                    + "?"
                    + urlencode(_export_fields(scope, period)),
                    "limit": sync_limit(),
                    "fmt": fmt.upper(),
                },
            )
        job = request_export(
            actor=request_user(request),
            wanted=ExportRequest(scope, period, fmt, key),
            language=get_language(),
        )
        return redirect("reports:export_status", job_id=job.pk)
    report = build_dashboard(scope, period, now=timezone.now(), calendar=WorkingCalendar.load())
    filename = export_filename(scope, period)
    if key:
        tables, filename, extra = [report.table(key)], f"{filename}-{key}", {}
    else:
        tables, extra = report.tables, {"chart": report.chart}
    return download(fmt, tables, report.heading, report.subtitle, filename, **extra)


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    found = _dashboard_scope(request, request.GET)
    if isinstance(found, HttpResponse):
        return found
    units, scope, period = found
    fmt = request.GET.get("dinh_dang")
    if fmt in FORMATS:
        return _dashboard_export(
            request, scope, period, str(fmt), request.GET.get("bang", ""), confirmed=False
        )
    units_depth = min(u.depth for u in units)
    now = timezone.now()
    report = build_dashboard(scope, period, now=now, calendar=WorkingCalendar.load())
    return render(
        request,
        "reports/dashboard.html",
        {
            "units": [(u, "· " * (u.depth - units_depth)) for u in units],
            "unit": scope.unit,
            "scope": scope,
            "period": period,
            "subtitle": report.subtitle,
            "heading": report.heading,
            "fields": Field.objects.order_by("name"),
            "procedures": Procedure.objects.filter(scope.agencies("processes__"), is_active=True)
            .distinct()
            .order_by("code"),
            "stats": report.stats,
            "indicators": report.indicators,
            "chart": report.chart,
            "chart_compact": charts.trend_chart(report.trend, compact=True),
            "channels": _channels(report.stats),
            "summary_table": report.tables[0],
            "indicator_table": report.tables[1],
            "trend_table": report.tables[2],
            "late_table": report.tables[3],
            "workload_table": report.tables[4],
            "query": _base_query(request),
            "export_fields": _export_fields(scope, period),
            # One click per export: links for a small scope, buttons that
            # queue the job for a large one (reports/_exports.html).
            "large": is_large(scope, period),
            # The card's "N đang quá hạn" is the list's count (issue 17).
            "period_current": period.stop > now,
            "late_link": True,
            # The dossiers behind each indicator (staff only: not on the public page).
            "indicator_query": urlencode(_export_fields(scope, period)),
            "may_enter": may_enter(request_user(request), scope.unit),
            "now": now.astimezone(VN_TZ),
        },
    )


@require_POST
@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The dashboard's "download all" buttons: the file, or the page of its job."""
    found = _dashboard_scope(request, request.POST)
    if isinstance(found, HttpResponse):
        return found
    _units, scope, period = found
    fmt = request.POST.get("dinh_dang")
    if fmt not in FORMATS:
        return _error(request, 400, _("Yêu cầu không hợp lệ"), _("Định dạng tệp không hợp lệ."))
    return _dashboard_export(
        request, scope, period, str(fmt), request.POST.get("bang", ""), confirmed=True
    )


def _export_job(request: HttpRequest, job_id: int) -> Job | HttpResponse:
    try:
        return export_for_user(request_user(request), job_id)
    except DomainError as exc:
        return _error(request, 404, _("Không tìm thấy"), exc.message)


@require_GET
@login_required
def export_status(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's progress; htmx polls the fragment until the file is ready."""
    job = _export_job(request, job_id)
    if isinstance(job, HttpResponse):
        return job
    polled = request.headers.get("HX-Request") == "true"
    template = "reports/_export_status.html" if polled else "reports/export_status.html"
    response = render(
        request,
        template,
        {
            "job": job,
            # The poll that finds the file ready starts its download
            # (reports/export-status.js): the export stays one click.
            "start_download": polled,
            "working": job.status in ACTIVE,
            "size": (job.result or {}).get("size") if job.status == JobStatus.DONE else None,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def export_file(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _export_job(request, job_id)
    if isinstance(job, HttpResponse):
        return job
    if job.status != JobStatus.DONE:
        return redirect("reports:export_status", job_id=job.pk)
    found = export_content(job)
    if found is None:
        return _error(
            request,
            410,
            _("Báo cáo đã hết hạn"),
            _("Tệp báo cáo đã được xóa sau %(days)s ngày; vui lòng tạo lại.")
            % {"days": KEEP_EXPORTS.days},
        )
    content, fmt, name = found
    response = attachment(content, fmt, name)
    response["Cache-Control"] = "private, no-store"
    return response


def _by_unit(province: Unit, scope: Scope, period: Period) -> list[tuple[str, Counts]]:
    """Per unit directly under the province, by deciding agency."""
    counts = counts_by_agency_path(scope, period)
    children = unit_children(province)
    totals: dict[int, Counts] = {}
    own = Counts()
    for path, c in counts.items():
        child = next((u for u in children if path and path.startswith(u.path)), None)
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
    provinces = _public_provinces()
    province = _chosen_province(provinces, _int(request.GET.get("tinh")))
    if province is None:
        return _error(request, 404, _("Không tìm thấy"), _("Không tìm thấy tỉnh, thành phố."))
    years = _public_years()
    year = _int(request.GET.get("nam")) or years[0]
    if year not in years:
        return _error(request, 404, _("Không tìm thấy"), _("Chỉ công khai số liệu 5 năm gần nhất."))
    figures = _public_figures(province, year)
    exported = _export(
        request,
        figures.tables,
        province.name,
        figures.subtitle,
        f"thong-ke-cong-khai-{province.pk}-{year}",
        chart=figures.chart,
    )
    if exported is not None:
        return exported
    context = _public_context(figures, provinces=provinces, years=years, query=_base_query(request))
    response = render(request, "reports/public.html", context)
    response["Cache-Control"] = "public, max-age=300"
    return response


def _public_provinces() -> list[Unit]:
    return list(
        Unit.objects.filter(kind=UnitKind.PROVINCE, parent__isnull=True, is_active=True).order_by(
            "name"
        )
    )


def _chosen_province(provinces: list[Unit], wanted: int | None) -> Unit | None:
    """The province asked for; the first one when none is asked for."""
    province = next((p for p in provinces if p.pk == wanted), None) if wanted else None
    if province is None and provinces and wanted is None:
        province = provinces[0]
    return province


def _public_years() -> list[int]:
    """The years published, this one first."""
    this_year = timezone.localdate(timezone=VN_TZ).year
    return list(range(this_year, this_year - PUBLIC_YEARS, -1))


@dataclass(frozen=True)
class _PublicFigures:
    """One province's year, as the public page and its downloads show it."""

    province: Unit
    year: int
    subtitle: str
    stats: DossierStatistics
    indicators: IndicatorSet
    trend: list[MonthRow]
    tables: list[Table]
    chart: SafeString
    period_current: bool


def _public_figures(province: Unit, year: int) -> _PublicFigures:
    period = Period.year(year)
    scope = Scope(province)
    stats = rollup_statistics(scope, period)
    indicators = indicator_set(scope, period)
    trend = rollup_trend(scope, period)
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
        _by_field_table(scope, period),
    ]
    return _PublicFigures(
        province=province,
        year=year,
        subtitle=_("Năm %(year)s (%(period)s)") % {"year": year, "period": period_text(period)},
        stats=stats,
        indicators=indicators,
        trend=trend,
        tables=tables,
        chart=charts.trend_chart(trend),
        period_current=period.stop > timezone.now(),
    )


def _by_field_table(scope: Scope, period: Period) -> Table:
    by_field = counts_by_field_name(scope, period)
    return breakdown_table(
        "linh-vuc",
        _("Kết quả theo lĩnh vực"),
        _("Lĩnh vực"),
        sorted(
            ((name or _("Chưa phân loại"), c) for name, c in by_field.items()),
            key=lambda row: (-row[1].received, row[0]),
        ),
    )


def _public_context(
    figures: _PublicFigures, *, provinces: list[Unit], years: list[int], query: str
) -> dict[str, Any]:
    tables = figures.tables
    return {
        "provinces": provinces,
        "province": figures.province,
        "years": years,
        "year": figures.year,
        "subtitle": figures.subtitle,
        "stats": figures.stats,
        "indicators": figures.indicators,
        "chart": figures.chart,
        "chart_compact": charts.trend_chart(figures.trend, compact=True),
        "channels": _channels(figures.stats),
        "summary_table": tables[0],
        "indicator_table": tables[1],
        "trend_table": tables[2],
        "unit_table": tables[3],
        "field_table": tables[4],
        "query": query,
        "period_current": figures.period_current,
    }
