"""The service report as a page and as PDF (issue 19 item 6).

`/chat-luong/bao-cao-dich-vu/?don-vi=<id>&ky=2026-H2`: for the platform's
superusers and administrators, each over their own subtree (the province's
IT centre administrator holds the role at the top of the tree). Refusals:
400 a bad period or unit (the page says which, with its code), 403 a unit
one sees but does not administer, 404 a unit one does not see.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.onestop.quality.errors import QualityError
from egov.onestop.quality.printing import renderer
from egov.onestop.quality.service.selectors import HalfYear, service_report
from egov.platform.accounts.access import has_role_over, request_user, visible_units
from egov.platform.accounts.models import Role, User
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit
from egov.platform.workcalendar.deadlines import VN_TZ

ADMINISTRATORS = (Role.ADMINISTRATOR,)


def _refusal(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    return render(
        request,
        "quality/service/page.html",
        {"refused": message, "code": code},
        status=status,
    )


def _default_unit(user: User) -> Unit | None:
    """The highest unit the user administers (the top of the tree for a superuser)."""
    units = visible_units(user).order_by("depth", "path")
    if not user.is_superuser:
        units = units.filter(
            memberships__user=user, memberships__role=Role.ADMINISTRATOR
        ).distinct()
    return units.first()


def _report_or_refusal(request: HttpRequest) -> HttpResponse | dict[str, Any]:
    user = request_user(request)
    today = timezone.now().astimezone(VN_TZ).date()
    text = request.GET.get("ky", "").strip()
    half = HalfYear.of(today) if not text else HalfYear.parse(text)
    if half is None or half.period(today) is None:
        return _refusal(
            request,
            400,
            QualityError.INVALID_PERIOD,
            _("Kỳ báo cáo không đúng: ghi năm và nửa năm đã bắt đầu, ví dụ 2026-H2."),
        )
    wanted = request.GET.get("don-vi", "").strip()
    if wanted and not wanted.isdigit():
        return _refusal(
            request, 400, QualityError.INVALID_UNIT, _("Đơn vị không đúng: chọn từ danh sách.")
        )
    unit = visible_units(user).filter(pk=int(wanted)).first() if wanted else _default_unit(user)
    if unit is None and (wanted or not visible_units(user).exists()):
        return not_found(request, None)
    if unit is None or not has_role_over(user, unit, ADMINISTRATORS):
        return _refusal(
            request,
            403,
            QualityError.PERMISSION_DENIED,
            _("Chỉ quản trị hệ thống của đơn vị được xem báo cáo chất lượng dịch vụ."),
        )
    return {
        "report": service_report(unit, half),
        "printed_on": today,
        "units": _default_choices(user),
    }


def _default_choices(user: User) -> list[Unit]:
    """The units the user may ask for, the highest first (at most 200 in the list)."""
    units = visible_units(user).order_by("depth", "path")
    return [u for u in units[:200] if has_role_over(user, u, ADMINISTRATORS)]


@login_required
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    context = _report_or_refusal(request)
    if isinstance(context, HttpResponse):
        return context
    # One template for the page and the PDF (the print engine's, which escapes
    # the data); on the page, in the visitor's language, not the PDF's Vietnamese.
    figures = mark_safe(renderer.page_html("service_figures.html", context))  # noqa: S308
    return render(request, "quality/service/page.html", {**context, "figures": figures})


@login_required
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    context = _report_or_refusal(request)
    if isinstance(context, HttpResponse):
        return context
    report = context["report"]
    response = HttpResponse(renderer.pdf("service.html", context), content_type="application/pdf")
    name = f"bao-cao-dich-vu-{report.unit.pk}-{report.half.code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
