"""Refuse input no form or schema should ever see (issue 16, item 6).

- A NUL character (U+0000) in the path, the query string, form fields or a
  JSON body: PostgreSQL cannot store it in text and raises on comparison, so
  it would become a 500 anywhere it reaches a query. Refused up front with
  the stable code `nul_character`: 422 under /api/, 400 elsewhere.
- A non-file body larger than `EGOV_MAX_BODY` (default
  DATA_UPLOAD_MAX_MEMORY_SIZE): answered 413 `request_too_large` before
  anything reads it. Multipart uploads have their own limit per file.

Text that passes is normalised to Unicode NFC (`egov/platform/core/text.py`):
the query string, form fields, uploaded file names and JSON bodies, so every
form, view and API schema receives one spelling of a Vietnamese name and
stores it so (passwords excepted, see there).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _

from egov.platform.core.text import is_secret_key, nfc, nfc_json

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict

NUL = "\x00"


def max_body() -> int:
    limit = getattr(settings, "EGOV_MAX_BODY", None)
    if limit is None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return int(limit or 0)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def error_response(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    """JSON under /api/ or for a JSON request, plain Vietnamese text elsewhere."""
    if _is_api(request) or request.content_type == "application/json":
        return JsonResponse({"code": code, "message": message}, status=status)
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["X-Error-Code"] = code
    return response


def nul_response(request: HttpRequest) -> HttpResponse:
    status = 422 if _is_api(request) else 400
    return error_response(
        request, status, "nul_character", _("Dữ liệu gửi lên chứa ký tự không hợp lệ (NUL).")
    )


def too_large_response(request: HttpRequest) -> HttpResponse:
    return error_response(
        request, 413, "request_too_large", _("Dữ liệu gửi lên quá lớn. Vui lòng gửi ít hơn.")
    )


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False


def _query_dict_has_nul(data: Any) -> bool:
    return any(NUL in key or any(NUL in v for v in data.getlist(key)) for key in data)


def _json_has_nul(body: bytes) -> bool:
    # A NUL arrives raw or as the escape \u0000; parse only when one may be there.
    if b"\x00" not in body and b"\\u0000" not in body:
        return False
    if b"\x00" in body:
        return True
    try:
        return _contains_nul(json.loads(body))
    except ValueError:
        return False  # not JSON: the view answers that


def _nfc_query_dict(data: QueryDict) -> _ImmutableQueryDict | None:
    """An NFC copy of a query dict, or None when it already is NFC."""
    if all(nfc(key) is key and all(nfc(v) is v for v in data.getlist(key)) for key in data):
        return None
    normal = QueryDict(mutable=True, encoding=data.encoding)
    for key in data:
        values = data.getlist(key)
        normal.setlist(nfc(key), values if is_secret_key(key) else [nfc(v) for v in values])
    normal._mutable = False
    return cast("_ImmutableQueryDict", normal)


def _nfc_json_body(body: bytes) -> bytes | None:
    """The JSON body with NFC strings, or None when nothing changes.

    An ASCII body without \\u escapes holds no combining mark: skipped unparsed.
    """
    if body.isascii() and b"\\u" not in body:
        return None
    try:
        parsed = json.loads(body)
    except ValueError:
        return None  # not JSON: the view answers that
    normal = nfc_json(parsed)
    if normal == parsed:
        return None
    return json.dumps(normal, ensure_ascii=False).encode("utf-8")


def _normalise(request: HttpRequest) -> None:
    """Replace the request's text with its NFC form (the body was read already)."""
    query = _nfc_query_dict(request.GET)
    if query is not None:
        request.GET = query
    if request.method not in {"POST", "PUT", "PATCH", "DELETE"}:
        return
    if request.content_type == "application/json":
        body = _nfc_json_body(request.body)
        if body is not None:
            request._body = body
        return
    form = _nfc_query_dict(request.POST)
    if form is not None:
        request.POST = form
    for key in request.FILES:
        for upload in request.FILES.getlist(key):
            if upload.name:
                upload.name = nfc(upload.name)


def _body_limit(request: HttpRequest) -> int:
    """EGOV_MAX_BODY, or the larger limit a path prefix has in EGOV_MAX_BODY_PATHS.

    (The exchange hub takes edXML messages with their attachments in the body;
    its view reads the stream itself, past DATA_UPLOAD_MAX_MEMORY_SIZE.)
    """
    for prefix, limit in (getattr(settings, "EGOV_MAX_BODY_PATHS", None) or {}).items():
        if request.path.startswith(prefix):
            return int(limit)
    return max_body()


def _too_large(request: HttpRequest) -> bool:
    if request.content_type == "multipart/form-data":
        return False
    limit = _body_limit(request)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return bool(limit) and length > limit


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _too_large(request):
            return too_large_response(request)
        if NUL in request.path or _query_dict_has_nul(request.GET):
            return nul_response(request)
        try:
            if request.method in {"POST", "PUT", "PATCH", "DELETE"}:
                if request.content_type == "application/json":
                    if _json_has_nul(request.body):
                        return nul_response(request)
                elif _query_dict_has_nul(request.POST):
                    return nul_response(request)
        except RequestDataTooBig:
            return too_large_response(request)
        except MultiPartParserError:
            # A body that claims to be multipart and is not: Django would
            # answer its own HTML 400 page, the API must answer JSON.
            return error_response(
                request, 400, "invalid_input", _("Dữ liệu gửi lên không đọc được.")
            )
        _normalise(request)
        return self.get_response(request)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user picked another language in the footer.

    Django's LocaleMiddleware follows the browser's Accept-Language, and many
    officers and citizens run browsers set to English: the platform would
    greet them in English. The language is a choice made on the site (the
    language cookie that `set_language` writes), never a guess from the
    browser.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
