"""Responses that every app gives the same way.

`not_found` is also the site's 404 handler (egov/urls.py). The page it renders,
web/404.html, belongs to the web shell's templates; it is named here as a
template, not imported, so core still imports nothing else from egov.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from egov.platform.core.errors import InsufficientStorage


def not_found(request: HttpRequest, exception: Exception | None) -> HttpResponse:
    """A 404: JSON with a stable code under /api/, the shell's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "not_found", "message": _("Không tìm thấy.")}, status=404)
    return render(request, "web/404.html", status=404)


def storage_full(
    request: HttpRequest, error: InsufficientStorage, *, back: str = ""
) -> HttpResponse:
    """A 507 page: the disk is full, nothing of the request was kept (core/storage.py)."""
    return render(
        request, "web/507.html", {"message": error.message, "back": back}, status=error.status
    )
