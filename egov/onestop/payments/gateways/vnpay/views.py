"""VNPAY's two calls to us: the IPN (server to server) and the browser's return."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from egov.onestop.payments.gateways import get_gateway
from egov.onestop.payments.gateways.base import Refusal, Result
from egov.onestop.payments.selectors import payment_by_ref
from egov.onestop.payments.services import handle_ipn
from egov.onestop.payments.views import citizen_dossier_path
from egov.platform.core.errors import DomainError

logger = logging.getLogger(__name__)


@csrf_exempt
@require_GET
def ipn(request: HttpRequest) -> HttpResponse:
    """VNPAY calls this with GET; the answer is JSON {"RspCode", "Message"}."""
    try:
        answer = handle_ipn(request.GET.dict(), request.META.get("REMOTE_ADDR"))
    except DomainError as exc:
        # Only a gateway left unconfigured gets here: say so, never a 500.
        logger.error("payment IPN refused: %s", exc.code)
        return JsonResponse({"code": exc.code, "message": exc.message}, status=503)
    return JsonResponse(answer)


@require_GET
def result(request: HttpRequest) -> HttpResponse:
    """Show what the gateway says; never change anything (the IPN does).

    The parameters are verified, so a hand-made URL cannot show "paid".
    """
    try:
        verified = get_gateway().verify(request.GET.dict())
    except DomainError as exc:
        return render(request, "payments/result.html", {"error": exc.message}, status=503)
    if isinstance(verified, Refusal):
        return render(
            request,
            "payments/result.html",
            {"error": _("Kết quả thanh toán không hợp lệ (sai chữ ký hoặc sai định dạng).")},
            status=400,
        )
    payment = payment_by_ref(verified.txn_ref)
    if payment is None:
        return render(
            request,
            "payments/result.html",
            {"error": _("Không tìm thấy giao dịch thanh toán.")},
            status=404,
        )
    return render(
        request,
        "payments/result.html",
        {
            "callback": verified,
            "success": verified.result is Result.SUCCESS,
            "cancelled": verified.result is Result.CANCELLED,
            "payment": payment,
            "dossier_url": citizen_dossier_path(payment.dossier_id),
        },
    )
