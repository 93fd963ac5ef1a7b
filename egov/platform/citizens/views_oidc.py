"""Login (and identity linking) through the OpenID Connect provider (VNeID)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from egov.platform.accounts.access import request_user
from egov.platform.citizens import identity, oidc
from egov.platform.citizens.errors import CitizenError
from egov.platform.core.errors import DomainError

PENDING = "citizens_oidc"


def _error(request: HttpRequest, exc: DomainError, status: int = 400) -> HttpResponse:
    return render(request, "citizens/oidc_error.html", {"message": exc.message}, status=status)


def start(request: HttpRequest) -> HttpResponse:
    config = oidc.oidc_config()
    if config is None:
        raise Http404
    redirect_uri = request.build_absolute_uri(reverse("citizens:vneid-callback"))
    try:
        url, pending = oidc.begin(config, redirect_uri)
    except DomainError as exc:
        return _error(request, exc, status=503)
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        pending["next"] = next_url
    request.session[PENDING] = pending
    return redirect(url)


def callback(request: HttpRequest) -> HttpResponse:
    config = oidc.oidc_config()
    if config is None:
        raise Http404
    # Popped first: a state is good for one callback only.
    pending = request.session.pop(PENDING, None)
    params = {key: request.GET.get(key, "") for key in ("state", "code", "error")}
    try:
        claims = oidc.finish(config, pending, params)
        if request.user.is_authenticated:
            identity.link_identity(
                actor=request_user(request), claims=claims, id_number_claim=config.id_number_claim
            )
            messages.success(request, _("Đã xác thực số định danh bằng định danh điện tử."))
            return redirect("citizens:profile")
        user = identity.sign_in_with_identity(claims=claims, id_number_claim=config.id_number_claim)
    except oidc.OidcError as exc:
        unavailable = exc.code == CitizenError.OIDC_UNAVAILABLE
        return _error(request, exc, status=503 if unavailable else 400)
    except DomainError as exc:
        return _error(request, exc, status=exc.status)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect((pending or {}).get("next") or "web:mine")
