"""The management review pack, as a page and as PDF (issue 19, item 4)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.onestop.quality.audits.services import MANAGERS
from egov.onestop.quality.printing import renderer
from egov.onestop.quality.review.selectors import review_pack
from egov.platform.accounts.access import has_role_over, request_user, visible_units
from egov.platform.core.responses import not_found


def _pack_or_refusal(
    request: HttpRequest, unit_id: int, year: int
) -> HttpResponse | dict[str, Any]:
    user = request_user(request)
    agency = visible_units(user).filter(pk=unit_id).first()
    if agency is None or not 2000 <= year <= 2100:
        return not_found(request, None)
    if not has_role_over(user, agency, MANAGERS):
        return render(
            request,
            "quality/review/pack.html",
            {"refused": _("Chỉ lãnh đạo hoặc quản trị của cơ quan được xem báo cáo xem xét.")},
            status=403,
        )
    return {"pack": review_pack(agency, year), "printed_on": timezone.localdate()}


@login_required
@require_GET
def pack_page(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    context = _pack_or_refusal(request, unit_id, year)
    if isinstance(context, HttpResponse):
        return context
    # One template for the page and the PDF (the print engine's, which escapes
    # the data); on the page, in the visitor's language, not the PDF's Vietnamese.
    figures = mark_safe(renderer.page_html("figures.html", context))  # noqa: S308
    return render(request, "quality/review/pack.html", {**context, "figures": figures})


@login_required
@require_GET
def pack_pdf(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    context = _pack_or_refusal(request, unit_id, year)
    if isinstance(context, HttpResponse):
        return context
    response = HttpResponse(renderer.pdf("review.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="xem-xet-{unit_id}-{year}.pdf"'
    return response
