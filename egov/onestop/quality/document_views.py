"""Pages of the other controlled documents (policy, objectives, forms) under /chat-luong/.

A refusal re-renders the form with its message: 403 not allowed, 400 bad
input, 409 a code taken or a generated procedure; another agency's answer 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.onestop.quality.controlled import WRITTEN_KINDS, create_document, redraft_document
from egov.onestop.quality.selectors import document_for_user, editions_of
from egov.onestop.quality.services import EDITORS
from egov.platform.accounts.access import has_role_over, request_user, visible_units
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit

STATUS_OF = {"permission_denied": 403, "invalid_document": 400}


def editable_agencies(user: User) -> list[Unit]:
    """The agencies whose controlled documents `user` may draft."""
    return [u for u in visible_units(user).order_by("path") if has_role_over(user, u, EDITORS)]


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    agencies = editable_agencies(user)
    context = {
        "agencies": agencies,
        "kinds": WRITTEN_KINDS,
        "form": request.POST,
        "error": "" if agencies else _("Bạn không có quyền soạn tài liệu chất lượng."),
    }
    if request.method == "GET":
        return render(
            request, "quality/document_new.html", context, status=200 if agencies else 403
        )
    try:
        agency_id = int(request.POST.get("agency", ""))
    except ValueError:
        agency_id = 0
    agency = visible_units(user).filter(pk=agency_id).first()
    if agency is None:
        return not_found(request, None)
    try:
        edition = create_document(
            actor=user,
            agency=agency,
            kind=request.POST.get("kind", ""),
            code=request.POST.get("code", ""),
            title=request.POST.get("title", ""),
            text=request.POST.get("text", ""),
        )
    except DomainError as error:
        context["error"] = error.message
        status = STATUS_OF.get(error.code, 409)
        return render(request, "quality/document_new.html", context, status=status)
    messages.success(request, _("Đã lập dự thảo tài liệu."))
    return redirect("quality:edition", edition_id=edition.pk)


@login_required
@require_POST
def document_redraft(request: HttpRequest, quality_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        document = document_for_user(user, quality_id)
    except NotFound:
        return not_found(request, None)
    try:
        edition = redraft_document(actor=user, document=document, text=request.POST.get("text", ""))
    except DomainError as error:
        return render(
            request,
            "quality/document.html",
            {
                "document": document,
                "editions": editions_of(document),
                "registers": [],
                "may_manage": has_role_over(user, document.agency, EDITORS),
                "error": error.message,
                "text": request.POST.get("text", ""),
            },
            status=STATUS_OF.get(error.code, 409),
        )
    messages.success(request, _("Đã lập dự thảo lần ban hành mới."))
    return redirect("quality:edition", edition_id=edition.pk)
