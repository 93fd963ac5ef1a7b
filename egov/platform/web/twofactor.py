"""The pages of two-factor authentication: enrol an app, type a code at login, reset.

The rules are in egov/platform/accounts/twofactor.py; these pages only ask.
Every page acts on the signed-in user's own devices: no page takes a user
or device id, so no one can see or reset another person's.
"""

from __future__ import annotations

import base64
import time
from binascii import unhexlify
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from egov.platform.accounts import twofactor
from egov.platform.accounts.access import request_user
from egov.platform.accounts.middleware import verified
from egov.platform.accounts.models import AccountKind, User
from egov.platform.accounts.twofactor import PENDING_LOGIN, PENDING_SECONDS
from egov.platform.core.errors import DomainError
from egov.platform.web.forms import OtpForm

# The secret being enrolled, until the app's first code confirms it.
ENROL_KEY = "egov_2fa_enrol_key"


def _pending_user(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING_LOGIN)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    pk = pending.get("user")
    if not isinstance(pk, int):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    return (user, pending) if user is not None else None


def _next(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or fallback
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return fallback


@never_cache
def code_login(request: HttpRequest) -> HttpResponse:
    """The second step of the login (or of an unverified session): the code."""
    from egov.platform.web.views import landing_url  # the page module imports this one

    pending = None if request.user.is_authenticated else _pending_user(request)
    if pending is None and not request.user.is_authenticated:
        return redirect("web:login")
    user = pending[0] if pending else request_user(request)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = twofactor.verify(user=user, token=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            fallback = pending[1].get("next") if pending else ""
            if pending is not None:
                request.session.pop(PENDING_LOGIN, None)
                auth_login(request, user, backend=pending[1].get("backend") or None)
            otp_login(request, device)
            return redirect(_next(request, fallback or landing_url(user)))
    return render(
        request,
        "web/twofactor_login.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


def _staff(request: HttpRequest) -> User:
    user = request_user(request)
    if user.kind != AccountKind.STAFF:
        raise Http404
    return user


def _qr_svg(url: str) -> str:
    return str(segno.make(url, error="m").svg_inline(scale=4, omitsize=False))


def _grouped(key: str) -> str:
    """The secret as an app asks for it by hand: base32 in groups of four."""
    text = base64.b32encode(unhexlify(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@never_cache
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (GET shows the secret; POST confirms with a code)."""
    user = _staff(request)
    if twofactor.has_device(user):
        return render(
            request,
            "web/twofactor_status.html",
            {
                "codes_left": twofactor.recovery_codes_left(user),
                "verified": verified(request.user),
            },
        )
    key = request.session.get(ENROL_KEY)
    if not isinstance(key, str) or len(key) != 40:
        key = twofactor.new_secret()
        request.session[ENROL_KEY] = key
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = twofactor.enrol_totp(actor=user, key=key, token=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            request.session.pop(ENROL_KEY, None)
            otp_login(request, enrolment.device)
            # Shown this once: no page shows them again (resetting and
            # enrolling anew gives a new set).
            return render(
                request,
                "web/twofactor_codes.html",
                {"codes": enrolment.recovery_codes, "next": _next(request, "")},
            )
    return render(
        request,
        "web/twofactor_setup.html",
        {
            "form": form,
            "secret": _grouped(key),
            # segno's own SVG, built from our otpauth:// address: no user markup.
            "qr": mark_safe(_qr_svg(twofactor.config_url(user, key))),  # noqa: S308
            "required": twofactor.required_for(user),
            "next": request.GET.get("next", ""),
        },
    )


@login_required
@require_POST
def reset(request: HttpRequest) -> HttpResponse:
    """Turn two-factor authentication off for oneself (a verified session only)."""
    user = _staff(request)
    try:
        twofactor.reset_two_factor(actor=user, user=user, verified=verified(request.user))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã tắt xác thực hai lớp. Bạn có thể đăng ký lại."))
    return redirect("web:2fa")
