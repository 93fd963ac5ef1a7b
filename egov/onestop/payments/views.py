"""The citizen's "Thanh toán" button: start a payment and go to the gateway."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from egov.onestop.payments.selectors import dossier_for_applicant, reconciliations_for_staff
from egov.onestop.payments.services import start_payment
from egov.platform.accounts.access import request_user
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found


def citizen_dossier_path(pk: int) -> str:
    """The citizen's page of a dossier (egov.onestop.portal)."""
    return f"/dich-vu-cong/ho-so/{pk}/"


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        dossier = dossier_for_applicant(user, pk)
    except NotFound:
        return not_found(request, None)
    try:
        _payment, url = start_payment(
            actor=user,
            dossier=dossier,
            purpose=request.POST.get("purpose", ""),
            client_ip=request.META.get("REMOTE_ADDR", "") or "127.0.0.1",
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(citizen_dossier_path(pk))
    # The gateway is another site: a plain redirect, not Django's same-host check.
    return HttpResponseRedirect(url)


@login_required
def reconciliation_list(request: HttpRequest) -> HttpResponse:
    """Payments the gateway confirmed after reporting them cancelled: to check with the bank."""
    try:
        rows = reconciliations_for_staff(request_user(request))
    except NotFound:
        return not_found(request, None)
    return render(request, "payments/reconciliation_list.html", {"rows": rows[:200]})
