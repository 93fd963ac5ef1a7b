"""/xac-thuc-van-ban/: anyone uploads a PDF and learns whether its signatures hold."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .errors import SigningError
from .verification import STATUS, count_check, max_bytes, verify_upload, window_seconds


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"max_mb": max_bytes() // (1024 * 1024)}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("tep")
        try:
            count_check(request)
            data = upload.read(max_bytes() + 1) if upload is not None else None
            reports = verify_upload(data, upload.size or 0 if upload is not None else 0)
        except SigningError as error:
            status = STATUS.get(error.code, 422)
            context.update(error=error.message, code=error.code)
        else:
            context.update(reports=reports, checked=True, file_name=upload.name if upload else "")
    response = render(request, "signatures/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    if status == 429:
        response["Retry-After"] = str(window_seconds())
    return response
