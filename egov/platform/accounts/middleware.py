"""Sliding idle expiry of sessions without a write per request; the second factor's gate."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.errors import AccountError

# When the session's expiry was last pushed forward (seconds since the epoch).
REFRESHED_KEY = "_egov_refreshed"
API_PREFIX = "/api/"
# How often at most, for API calls: an API session then expires between
# EGOV_SESSION_IDLE_SECONDS minus this and EGOV_SESSION_IDLE_SECONDS after
# its last request.
REFRESH_SECONDS = 60


class SessionRefreshMiddleware:
    """Keep sessions sliding; for API calls, save the session at most once a minute.

    Replaces SESSION_SAVE_EVERY_REQUEST, which wrote the session row on every
    request: for the API (the desk's software, many calls a minute) that is
    a write, and on SQLite the database's write lock, per call. Pages keep
    saving it on every request, as before. Goes right after SessionMiddleware,
    whose response phase does the saving.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response  # no session to keep alive: never create one
        if not request.path.startswith(API_PREFIX):
            session.modified = True  # saved unless empty, as SESSION_SAVE_EVERY_REQUEST did
            return response
        accessed = session.accessed
        now = int(timezone.now().timestamp())
        refreshed = session.get(REFRESHED_KEY)
        if not session.is_empty() and (
            not isinstance(refreshed, int) or not 0 <= now - refreshed < REFRESH_SECONDS
        ):
            session[REFRESHED_KEY] = now  # modified: SessionMiddleware saves it
        # Reading the timestamp is not the view's use of the session: leave
        # the Vary header as the view made it.
        session.accessed = accessed
        return response


def verified(user: object) -> bool:
    """Whether the session passed a one-time code (OTPMiddleware's mark)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False


# Reachable without the second factor: where it is typed or enrolled, and the way out.
_OPEN_NAMES = ("web:2fa", "web:2fa-login", "web:logout", "set_language")


class TwoFactorMiddleware:
    """Keep sessions that lack a needed second factor on the 2FA pages.

    With EGOV_REQUIRE_2FA on, a user who must have one (twofactor.required_for)
    reaches nothing else until enrolled, then until the session is verified
    with a code. Whatever the setting, the Django admin needs a verified
    session from anyone who has a device: the admin's own login page asks
    only for the password. Goes after OTPMiddleware (request.user.is_verified).
    Off and outside the admin it reads nothing, so it costs no query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        admin = request.path.startswith("/admin/")
        if settings.EGOV_REQUIRE_2FA or admin:
            refused = self._refusal(request, admin=admin)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _refusal(self, request: HttpRequest, *, admin: bool) -> HttpResponseBase | None:
        # Imported here: the middleware module is loaded before the apps are ready.
        from egov.platform.accounts import twofactor
        from egov.platform.accounts.models import User

        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return None
        if verified(user) or request.path.startswith(settings.STATIC_URL or "/static/"):
            return None
        if request.path in {reverse(name) for name in _OPEN_NAMES}:
            return None
        enrolled = twofactor.has_device(user)
        if not (twofactor.required_for(user) or (admin and enrolled)):
            return None
        if request.path.startswith(API_PREFIX):
            return JsonResponse(
                {
                    "code": AccountError.OTP_REQUIRED,
                    "message": _("Cần xác thực hai lớp: hãy đăng nhập và nhập mã xác thực."),
                },
                status=403,
            )
        target = reverse("web:2fa-login" if enrolled else "web:2fa")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
