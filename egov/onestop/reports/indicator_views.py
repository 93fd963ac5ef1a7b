"""The dossiers behind an indicator (/thong-ke/chi-so/<key>/): why a unit lost points.

Same query parameters and the same access as the dashboard (views.py): the
unit must be one the officer sees, and the dossiers are the scope's. `phan`
picks the part (khong-dat: counted against the unit; tu-so: counted for it;
mau-so: every dossier counted; for satisfaction tre-han and khong-hai-long,
the deductions), `trang`
the page.

/thong-ke/so-lieu-nhap/ (`entered`): the figures of the indicators the
platform cannot compute, entered per unit and period by its leaders
(services.enter_figure, audited), with the same scope parameters.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.onestop.reports.dashboard import heading, period_text
from egov.onestop.reports.errors import ReportError
from egov.onestop.reports.indicators.definition import definition_for
from egov.onestop.reports.indicators.formulas import PART_LABELS
from egov.onestop.reports.indicators.selectors import indicator_dossiers, part_count, parts_of
from egov.onestop.reports.models import EnteredFigure
from egov.onestop.reports.services import Figure, enter_figure, may_enter
from egov.onestop.reports.views import _dashboard_scope, _error, _export_fields
from egov.platform.accounts.access import request_user
from egov.platform.core.errors import DomainError, InvalidInput
from egov.platform.web.pagination import KnownCountPaginator

PAGE_SIZE = 50


@require_GET
@login_required
def indicator(request: HttpRequest, key: str) -> HttpResponse:
    found = _dashboard_scope(request, request.GET)
    if isinstance(found, HttpResponse):
        return found
    _units, scope, period = found
    spec = definition_for(period.last).indicator(key)
    parts = parts_of(key, period)
    if spec is None or not parts:
        return _error(request, 404, _("Không tìm thấy"), _("Chỉ số này không có danh sách hồ sơ."))
    # By default what lost the unit points (or, for satisfaction, every dossier counted).
    part = request.GET.get("phan") or parts[0]
    now = timezone.now()
    dossiers = indicator_dossiers(scope, period, key, part, now=now)
    if dossiers is None:
        return _error(request, 404, _("Không tìm thấy"), _("Không có danh sách hồ sơ này."))
    count = part_count(scope, period, key, part, now=now)
    page = KnownCountPaginator(dossiers, PAGE_SIZE, count=count).get_page(request.GET.get("trang"))
    query = urlencode(_export_fields(scope, period))
    return render(
        request,
        "reports/indicator.html",
        {
            "group": spec[0],
            "spec": spec[1],
            "heading": heading(scope),
            "subtitle": period_text(period),
            "parts": [(p, PART_LABELS[p]) for p in parts],
            "part": part,
            "page": page,
            "query": query,
            "back": f"{reverse('reports:dashboard')}?{query}#bang-chi-so",
        },
    )


def _count(value: str | None) -> int | None:
    value = (value or "").strip().replace(".", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@login_required
def entered(request: HttpRequest) -> HttpResponse:
    """The figures a leader enters for the indicators the platform cannot compute."""
    params = request.POST if request.method == "POST" else request.GET
    found = _dashboard_scope(request, params)
    if isinstance(found, HttpResponse):
        return found
    _units, scope, period = found
    user = request_user(request)
    if not may_enter(user, scope.unit):
        return _error(
            request,
            403,
            _("Không có quyền truy cập"),
            _("Chỉ lãnh đạo, quản trị của đơn vị được nhập số liệu chỉ số."),
        )
    definition = definition_for(period.last)
    names = {spec.key: spec.name for _g, spec in definition.indicators}
    error = ""
    if request.method == "POST":
        numerator, denominator = _count(params.get("dat")), _count(params.get("tong"))
        try:
            if numerator is None or denominator is None:
                raise InvalidInput(
                    ReportError.FIGURE_INVALID, _("Số đạt và tổng số phải là số nguyên.")
                )
            enter_figure(
                actor=user,
                unit=scope.unit,
                figure=Figure(
                    indicator=params.get("chi_so", ""),
                    first=period.first,
                    last=period.last,
                    numerator=numerator,
                    denominator=denominator,
                    source=params.get("nguon", ""),
                ),
            )
        except DomainError as exc:
            error = exc.message
        else:
            return redirect(
                f"{reverse('reports:entered')}?{urlencode(_export_fields(scope, period))}"
            )
    return render(
        request,
        "reports/entered.html",
        {
            "heading": heading(scope),
            "subtitle": period_text(period),
            "unit": scope.unit,
            "period": period,
            "specs": [spec for _g, spec in definition.indicators if spec.entered],
            "rows": [
                (row, names.get(row.indicator, row.indicator))
                for row in EnteredFigure.objects.filter(unit=scope.unit)
                .select_related("entered_by")
                .order_by("-last", "indicator")
            ],
            "error": error,
            "values": params if error else {},
            "back": f"{reverse('reports:dashboard')}?{urlencode(_export_fields(scope, period))}",
        },
        status=422 if error else 200,
    )
