"""Counts every request for the service report (issue 19 item 6): recorder.py."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from egov.platform.servicelevel import recorder


def _user_id(request: HttpRequest) -> int | None:
    # Only when the request already read its session (every signed-in page
    # does): asking for the user here would cost public pages a query.
    session = getattr(request, "session", None)
    if session is None or not session.accessed:
        return None
    value = session.get(SESSION_KEY)
    return int(value) if isinstance(value, str | int) and str(value).isdigit() else None


def route_group(request: HttpRequest) -> str:
    """The first segment of the matched URL pattern: a closed set, named by the URL map."""
    match = request.resolver_match
    if match is None:
        return "-"
    return match.route.lstrip("^").split("/", 1)[0][:50] or "/"


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        due = recorder.record(
            at=timezone.now(),
            user_id=_user_id(request),
            group=route_group(request),
            status=response.status_code,
            elapsed_ms=elapsed_ms,
        )
        if due:
            recorder.flush_quietly()
        return response
