"""Public tracking pages: /tra-cuu/ on the portal and /tra-cuu/kiosk/ at the desk.

Both are GET forms, so the receipt's QR link opens the result directly.
Unknown codes and wrong proofs get one message and one status; every lookup
counts against the client's budget (see `throttling`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from egov.onestop.dossiers.tracking.answers import TooManyLookups, track
from egov.onestop.dossiers.tracking.forms import LookupForm
from egov.onestop.dossiers.tracking.throttling import retry_after

KIOSK_IDLE_SECONDS = 60


def not_found_message() -> str:
    return _("Không tìm thấy hồ sơ với mã và thông tin đã nhập.")


def throttled_message() -> str:
    return _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")


def _lookup(request: HttpRequest, template: str, extra: dict[str, Any]) -> HttpResponse:
    context: dict[str, Any] = {**extra}
    status = 200
    code = ""
    if request.GET.get("ma"):
        form = LookupForm(request.GET)
        if not form.is_valid():
            status = 422
            context["error"] = " ".join(str(m) for ms in form.errors.values() for m in ms)
        else:
            try:
                dossier = track(
                    request,
                    form.cleaned_data["ma"],
                    secret=form.cleaned_data.get("bi_mat") or None,
                    phone=form.cleaned_data.get("dien_thoai") or None,
                )
            except TooManyLookups:
                status = 429
                context["error"] = throttled_message()
            else:
                code = form.cleaned_data["ma"]
                if dossier is None:
                    status = 404
                    context["error"] = not_found_message()
                else:
                    context["dossier"] = dossier
    # The secret and the phone number are never written back into the page:
    # not into the form, and not through `request.get_full_path`, which
    # web/base.html puts into the language form's "next" field.
    context.setdefault("form", LookupForm(initial={"ma": code}))
    request.META["QUERY_STRING"] = ""
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    if status == 429:
        response["Retry-After"] = str(retry_after())
    return response


@never_cache
@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    return _lookup(request, "tracking/lookup.html", {})


@never_cache
@require_GET
def kiosk(request: HttpRequest) -> HttpResponse:
    return _lookup(request, "tracking/kiosk.html", {"idle_seconds": KIOSK_IDLE_SECONDS})
