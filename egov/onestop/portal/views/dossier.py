"""The citizen's own dossier: progress, messages, supplements, payment, result, rating."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from egov.onestop.dossiers.models import Dossier, DossierStatus, Handover
from egov.onestop.dossiers.services.result_signing import RESULT_PURPOSE
from egov.onestop.dossiers.transitions import OPEN_STATUSES
from egov.onestop.payments.selectors import payment_summary
from egov.onestop.portal import services
from egov.onestop.portal.models import Rating, RatingValue, WithdrawalRequest
from egov.onestop.portal.online_form import answers
from egov.onestop.portal.selectors import dossier_for_applicant, result_downloadable
from egov.onestop.portal.views.common import applicant, applicant_required, send_file
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found
from egov.platform.signatures.checks import check_for

# What each hand-over meant, in the citizen's words (no officer names).
STEP_LABELS = {
    "accept": gettext_lazy("Tiếp nhận hồ sơ"),
    "forward": gettext_lazy("Chuyển bước xử lý"),
    "approve": gettext_lazy("Phê duyệt"),
    "return": gettext_lazy("Chuyển lại bước trước"),
    "refuse": gettext_lazy("Từ chối giải quyết"),
    "deliver": gettext_lazy("Trả kết quả"),
}

# The reason shown with an end status, and what to call it.
REASON_TITLES = {
    DossierStatus.NOT_ACCEPTED: gettext_lazy("Lý do không tiếp nhận"),
    DossierStatus.STOPPED: gettext_lazy("Lý do dừng xử lý"),
    DossierStatus.WITHDRAWN: gettext_lazy("Lý do rút hồ sơ"),
}


def _history(dossier: Dossier) -> list[dict[str, Any]]:
    rows = Handover.objects.filter(dossier=dossier).select_related("to_step", "to_unit")
    return [
        {
            "at": h.at,
            "label": STEP_LABELS.get(h.action, h.action),
            "step": h.to_step.name if h.to_step is not None else "",
            "unit": h.to_unit.name if h.to_unit is not None else "",
        }
        for h in rows.order_by("at", "pk")
    ]


@applicant_required
@require_GET
def dossier_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = applicant(request)
    try:
        dossier = dossier_for_applicant(user, pk)
    except NotFound:
        return not_found(request, None)
    withdrawals = list(WithdrawalRequest.objects.filter(dossier=dossier))
    reason_title = REASON_TITLES.get(DossierStatus(dossier.status))
    context: dict[str, Any] = {
        "dossier": dossier,
        "documents": list(dossier.documents.order_by("pk")),
        "history": _history(dossier),
        "answers": answers(dossier.procedure, dossier.form_data),
        "supplements": list(dossier.supplements.order_by("requested_at", "pk")),
        "apologies": list(dossier.apologies.order_by("issued_at", "pk")),
        "reason_title": reason_title if dossier.outcome_reason else None,
        "withdrawals": withdrawals,
        "rating": Rating.objects.filter(dossier=dossier).first(),
        "rating_values": RatingValue.choices,
        "downloadable": result_downloadable(dossier),
        # Whether the electronic result carries the agency's valid signature.
        "result_check": (
            check_for(RESULT_PURPOSE, dossier.pk) if result_downloadable(dossier) else None
        ),
        "can_withdraw": dossier.status in OPEN_STATUSES
        and not any(w.handled_at is None for w in withdrawals),
        "payment_summary": payment_summary(dossier),
    }
    return render(request, "portal/dossier.html", context)


def _own(request: HttpRequest, pk: int) -> Dossier | None:
    try:
        return dossier_for_applicant(applicant(request), pk)
    except NotFound:
        return None


@applicant_required
@require_POST
def supplement(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _own(request, pk)
    if dossier is None:
        return not_found(request, None)
    uploads: dict[int, UploadedFile] = {}
    for document in dossier.documents.all():
        upload = request.FILES.get(f"tep_{document.pk}")
        if upload is not None:
            uploads[document.pk] = upload
    try:
        services.supplement_online(
            actor=applicant(request),
            dossier=dossier,
            uploads=uploads,
            note=request.POST.get("ghi_chu", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gửi giấy tờ bổ sung. Hồ sơ tiếp tục được xử lý."))
    return redirect("portal:dossier", pk=dossier.pk)


@applicant_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _own(request, pk)
    if dossier is None:
        return not_found(request, None)
    try:
        services.request_withdrawal(
            actor=applicant(request), dossier=dossier, reason=request.POST.get("ly_do", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã gửi yêu cầu rút hồ sơ. Cán bộ một cửa sẽ xem xét và trả lời.")
        )
    return redirect("portal:dossier", pk=dossier.pk)


@applicant_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _own(request, pk)
    if dossier is None:
        return not_found(request, None)
    try:
        services.rate_dossier(
            actor=applicant(request),
            dossier=dossier,
            value=request.POST.get("muc_do", ""),
            comment=request.POST.get("gop_y", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Cảm ơn bạn đã đánh giá."))
    return redirect("portal:dossier", pk=dossier.pk)


@applicant_required
@require_GET
def result_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    dossier = _own(request, pk)
    if dossier is None or not result_downloadable(dossier):
        return not_found(request, None)
    return send_file(dossier.result_file)
