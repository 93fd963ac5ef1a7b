"""Helpers shared by the citizen's pages: who may enter, files out."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from egov.onestop.dossiers.uploads import serve_stored
from egov.onestop.portal.selectors import is_applicant
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User

View = Callable[..., HttpResponseBase]


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/forbidden.html", status=403)


def applicant_required(view: View) -> View:
    """Logged in as a citizen or a business; staff get a 403 page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_applicant(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapper


def applicant(request: HttpRequest) -> User:
    return request_user(request)


def client_ip(request: HttpRequest) -> str:
    """The address the payment gateway is told about (it logs the payer's)."""
    return str(request.META.get("REMOTE_ADDR") or "127.0.0.1")


def send_file(file: FieldFile, *, download_name: str | None = None) -> FileResponse:
    """A private file, only ever after the caller checked who is asking."""
    return serve_stored(file, download_name=download_name)
