"""Public catalogue pages: the list with search and filters, a procedure's
detail, and the same two pages in kiosk mode for the touch screen at the desk."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from egov.onestop.procedures.models import ProcedureLevel
from egov.onestop.procedures.selectors import (
    catalogue,
    catalogue_agencies,
    catalogue_fields,
    published_procedure,
)
from egov.platform.core.errors import NotFound
from egov.platform.core.responses import not_found

PAGE_SIZE = 30
KIOSK_KEYS = ["1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM."]


def _base(kiosk: bool) -> str:
    return "procedures/kiosk_base.html" if kiosk else "web/base.html"


def _field_id(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


def _list(request: HttpRequest, *, kiosk: bool) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    field_id = _field_id(request.GET.get("field", ""))
    level = request.GET.get("level", "")
    agency_id = _field_id(request.GET.get("agency", ""))
    paginator = Paginator(
        catalogue(query=query, field_id=field_id, level=level, agency_id=agency_id), PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "procedures/list.html",
        {
            "base_template": _base(kiosk),
            "kiosk": kiosk,
            "kiosk_keys": KIOSK_KEYS,
            "query": query,
            "field_id": field_id,
            "level": level,
            "fields": catalogue_fields(),
            "levels": ProcedureLevel.choices,
            "agency_id": agency_id,
            "agencies": catalogue_agencies(),
            "page": page,
            "filters": filters.urlencode(),
        },
    )


def _detail(request: HttpRequest, code: str, *, kiosk: bool) -> HttpResponse:
    try:
        procedure = published_procedure(code)
    except NotFound:
        return not_found(request, None)
    return render(
        request,
        "procedures/detail.html",
        {"base_template": _base(kiosk), "kiosk": kiosk, "procedure": procedure},
    )


@require_GET
def procedure_list(request: HttpRequest) -> HttpResponse:
    return _list(request, kiosk=request.GET.get("kiosk") == "1")


@require_GET
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, code, kiosk=request.GET.get("kiosk") == "1")


@require_GET
def kiosk_list(request: HttpRequest) -> HttpResponse:
    return _list(request, kiosk=True)


@require_GET
def kiosk_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, code, kiosk=True)
