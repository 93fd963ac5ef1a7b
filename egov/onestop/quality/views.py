"""Quality procedures pages at /chat-luong/ (issue 19): the list, the amendment log, an edition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.onestop.quality.document_views import editable_agencies
from egov.onestop.quality.models import Edition
from egov.onestop.quality.printing import renderer
from egov.onestop.quality.selectors import (
    document_for_user,
    documents_for,
    edition_for_user,
    editions_of,
)
from egov.onestop.quality.services import (
    APPROVERS,
    EDITORS,
    approve_edition,
    edit_note,
    review_edition,
)
from egov.platform.accounts.access import has_role_over, request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    documents = list(documents_for(user).prefetch_related("editions"))
    return render(
        request,
        "quality/list.html",
        {"documents": documents, "may_create": bool(editable_agencies(user))},
    )


@login_required
@require_GET
def document_detail(request: HttpRequest, quality_id: int) -> HttpResponse:
    try:
        document = document_for_user(request_user(request), quality_id)
    except NotFound:
        return not_found(request, None)
    user = request_user(request)
    return render(
        request,
        "quality/document.html",
        {
            "document": document,
            "editions": editions_of(document),
            "registers": list(document.record_registers.order_by("-year")),
            "may_manage": has_role_over(user, document.agency, EDITORS),
        },
    )


@login_required
@require_GET
def edition_detail(request: HttpRequest, edition_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        edition = edition_for_user(user, edition_id)
    except NotFound:
        return not_found(request, None)
    return _edition_page(request, user, edition)


def _edition_page(
    request: HttpRequest, user: User, edition: Edition, status: int = 200
) -> HttpResponse:
    agency = edition.document.agency
    return render(
        request,
        "quality/edition.html",
        {
            "edition": edition,
            "document": edition.document,
            "content": edition.content,
            "may_approve": not edition.is_locked and has_role_over(user, agency, APPROVERS),
            "may_edit": not edition.is_locked and has_role_over(user, agency, EDITORS),
        },
        status=status,
    )


@login_required
@require_POST
def approve(request: HttpRequest, edition_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        edition = edition_for_user(user, edition_id)
    except NotFound:
        return not_found(request, None)
    try:
        approve_edition(actor=user, edition=edition)
    except DomainError as error:
        messages.error(request, error.message)
        status = 403 if error.code == "permission_denied" else 409
        return _edition_page(request, user, edition_for_user(user, edition_id), status)
    messages.success(request, _("Đã phê duyệt và ban hành quy trình."))
    return redirect("quality:edition", edition_id=edition.pk)


@login_required
@require_POST
def review(request: HttpRequest, edition_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        edition = edition_for_user(user, edition_id)
    except NotFound:
        return not_found(request, None)
    try:
        review_edition(actor=user, edition=edition)
    except DomainError as error:
        messages.error(request, error.message)
        status = 403 if error.code == "permission_denied" else 409
        return _edition_page(request, user, edition_for_user(user, edition_id), status)
    messages.success(request, _("Đã ghi nhận kiểm tra dự thảo."))
    return redirect("quality:edition", edition_id=edition.pk)


@login_required
@require_POST
def note(request: HttpRequest, edition_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        edition = edition_for_user(user, edition_id)
    except NotFound:
        return not_found(request, None)
    try:
        edit_note(actor=user, edition=edition, change_note=request.POST.get("change_note", ""))
    except DomainError as error:
        messages.error(request, error.message)
        status = {"permission_denied": 403, "invalid_note": 400}.get(error.code, 409)
        return _edition_page(request, user, edition_for_user(user, edition_id), status)
    messages.success(request, _("Đã lưu nội dung sửa đổi."))
    return redirect("quality:edition", edition_id=edition.pk)


@login_required
@require_GET
def edition_pdf(request: HttpRequest, edition_id: int) -> HttpResponse:
    try:
        edition = edition_for_user(request_user(request), edition_id)
    except NotFound:
        return not_found(request, None)
    content = renderer.pdf(
        "edition.html",
        {
            "edition": edition,
            "document": edition.document,
            "content": edition.content,
            # The amendment log up to this edition, oldest first.
            "history": [
                e for e in reversed(editions_of(edition.document)) if e.number <= edition.number
            ],
        },
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{edition.document.code}-lan-{edition.number}.pdf"'
    )
    return response
