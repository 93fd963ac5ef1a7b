"""The sandbox bank's pages: "Cổng thanh toán thử nghiệm".

They answer only when PAYMENT_GATEWAY is "sandbox" (404 otherwise), so a
production site configured for VNPAY has no free way to pay.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.onestop.payments.gateways import gateway_name
from egov.onestop.payments.gateways.sandbox.transport import (
    BankError,
    Order,
    decide,
    notify_merchant,
    read_order,
    result_params,
)
from egov.platform.core.responses import not_found


def _order_or_page(request: HttpRequest, params: dict[str, str]) -> Order | HttpResponse:
    if gateway_name() != "sandbox":
        return not_found(request, None)
    try:
        return read_order(params)
    except BankError as exc:
        return render(request, "payments/sandbox_bank.html", {"error": str(exc)}, status=400)


@require_GET
def bank(request: HttpRequest) -> HttpResponse:
    """The page VNPAY's pay URL would show: the order, "Thanh toán" and "Hủy"."""
    order = _order_or_page(request, request.GET.dict())
    if isinstance(order, HttpResponse):
        return order
    return render(request, "payments/sandbox_bank.html", {"order": order})


@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """The citizen chose: record it at the bank, call the IPN, send the browser back."""
    params = {k: v for k, v in request.POST.dict().items() if k.startswith("vnp_")}
    order = _order_or_page(request, params)
    if isinstance(order, HttpResponse):
        return order
    decision = request.POST.get("decision", "")
    if decision not in ("pay", "cancel"):
        return render(
            request,
            "payments/sandbox_bank.html",
            {"order": order, "error": _("Vui lòng chọn Thanh toán hoặc Hủy.")},
            status=400,
        )
    # The bank's own transaction commits first; only then is the merchant told.
    bank_txn = decide(order, pay=decision == "pay")
    signed = result_params(bank_txn, order)
    notify_merchant(bank_txn, signed)
    separator = "&" if "?" in order.return_url else "?"
    return HttpResponseRedirect(f"{order.return_url}{separator}{urlencode(signed)}")
