"""The records register pages under /chat-luong/ (issue 19, item 2)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.onestop.quality.audits.services import MANAGERS
from egov.onestop.quality.records import services
from egov.onestop.quality.records.models import RecordRegister, RecordSource
from egov.onestop.quality.records.selectors import linked_records, register_for_user
from egov.onestop.quality.selectors import document_for_user
from egov.platform.accounts.access import has_role_over, request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found

STATUS_OF = {"permission_denied": 403, "invalid_record": 400}


def _register_page(
    request: HttpRequest, user: User, register: RecordRegister, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "quality/records/register.html",
        {
            "register": register,
            "document": register.document,
            "rows": linked_records(register),
            "may_manage": has_role_over(user, register.document.agency, MANAGERS),
            "sources": list(RecordSource),
        },
        status=status,
    )


@login_required
@require_GET
def register_detail(request: HttpRequest, records_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        register = register_for_user(user, records_id)
    except NotFound:
        return not_found(request, None)
    return _register_page(request, user, register)


@login_required
@require_POST
def register_open(request: HttpRequest, quality_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        document = document_for_user(user, quality_id)
    except NotFound:
        return not_found(request, None)
    year = request.POST.get("year", "")
    try:
        register = services.open_register(
            actor=user, document=document, year=int(year) if year.isdigit() else 0
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("quality:document", quality_id=document.pk)
    messages.success(request, _("Đã lập danh mục hồ sơ."))
    return redirect("quality:records", records_id=register.pk)


@login_required
@require_POST
def record_add(request: HttpRequest, records_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        register = register_for_user(user, records_id)
    except NotFound:
        return not_found(request, None)
    years = request.POST.get("retention_years", "").strip()
    try:
        services.add_record(
            actor=user,
            register=register,
            name=request.POST.get("name", ""),
            source=request.POST.get("source", ""),
            location=request.POST.get("location", ""),
            retention_years=int(years) if years.isdigit() else (0 if years else None),
            retention_note=request.POST.get("retention_note", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return _register_page(request, user, register, STATUS_OF.get(error.code, 409))
    messages.success(request, _("Đã thêm hồ sơ cần lưu."))
    return redirect("quality:records", records_id=register.pk)


@login_required
@require_POST
def roll_over(request: HttpRequest, records_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        register = register_for_user(user, records_id)
    except NotFound:
        return not_found(request, None)
    try:
        created = services.roll_over(
            actor=user, agency=register.document.agency, year=register.year
        )
    except DomainError as error:
        messages.error(request, error.message)
        return _register_page(request, user, register, STATUS_OF.get(error.code, 409))
    messages.success(
        request,
        _("Đã chuyển %(n)s danh mục hồ sơ sang năm %(year)s.")
        % {"n": len(created), "year": register.year + 1},
    )
    following = RecordRegister.objects.filter(
        document=register.document, year=register.year + 1
    ).first()
    target = following or register
    return redirect("quality:records", records_id=target.pk)
