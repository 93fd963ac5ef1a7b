"""Sliding idle expiry of staff and citizen sessions, without a write per request."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

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
