"""The leader's list to assign, the holder's inbox, a document's page and its actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.office.documents import files
from egov.office.documents.forms import AssignForm, ForwardForm
from egov.office.documents.models import (
    HolderRole,
    HolderStatus,
    IncomingAttachment,
    IncomingDocument,
    IncomingStatus,
)
from egov.office.documents.selectors import (
    inbox,
    incoming_for_user,
    open_holdings,
    to_assign,
)
from egov.office.documents.services.handling import (
    Assignment,
    HolderAction,
    act_on_incoming,
    assign_incoming,
    mark_read,
    reassign_incoming,
)
from egov.office.documents.signing import ATTACHMENT_CHECK, INCOMING_CHECK
from egov.platform.accounts.access import has_role_over, request_user
from egov.platform.accounts.models import Role, User
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found
from egov.platform.signatures.checks import check_for, checks_for
from egov.platform.signatures.models import SignatureCheck

PAGE_SIZE = 25
ACTION_SLUGS = {
    "nhan": HolderAction.RECEIVE,
    "y-kien": HolderAction.COMMENT,
    "hoan-thanh": HolderAction.COMPLETE,
    "tra-lai": HolderAction.RETURN,
}


@login_required
@require_GET
def to_assign_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = Paginator(to_assign(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "office/to_assign.html", {"page": page})


@login_required
@require_GET
def inbox_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = Paginator(inbox(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "office/inbox.html", {"page": page})


def _may_assign(user: User, document: IncomingDocument) -> bool:
    return document.status == IncomingStatus.AWAITING_ASSIGNMENT and (
        user.pk == document.leader_id or has_role_over(user, document.body, [Role.LEADER])
    )


@login_required
@require_GET
def detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        document = incoming_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    return _detail(request, user, document)


def _detail(
    request: HttpRequest,
    user: User,
    document: IncomingDocument,
    *,
    assign_form: AssignForm | None = None,
    forward_form: ForwardForm | None = None,
    error: str = "",
) -> HttpResponse:
    if mark_read(actor=user, document=document):
        document.refresh_from_db()
    holding = open_holdings(user, document).select_related("unit").first()
    forward_unit = None
    if (
        holding is not None
        and holding.unit is not None
        and holding.user_id is None
        and holding.role != HolderRole.INFORMATION
        and has_role_over(user, holding.unit, [Role.HEAD, Role.LEADER])
    ):
        forward_unit = holding.unit
    may_assign = _may_assign(user, document)
    context = {
        "document": document,
        "attachments": _with_checks(list(document.attachments.all())),
        "holders": list(
            document.holders.select_related("unit", "user", "assigned_by").order_by("pk")
        ),
        "actions": list(
            document.actions.select_related("actor", "holder__unit", "holder__user").order_by(
                "created_at", "pk"
            )
        ),
        "holding": holding,
        "may_complete": holding is not None and holding.role != HolderRole.INFORMATION,
        "assign_form": (assign_form or AssignForm(body=document.body)) if may_assign else None,
        "forward_form": (forward_form or ForwardForm(unit=forward_unit)) if forward_unit else None,
        "error": error,
        "open_status": HolderStatus.OPEN,
        "signature_check": check_for(INCOMING_CHECK, document.pk),
    }
    return render(request, "office/detail.html", context, status=422 if error else 200)


def _with_checks(
    attachments: list[IncomingAttachment],
) -> list[tuple[IncomingAttachment, SignatureCheck | None]]:
    """Each attachment with its signature check (one query for all)."""
    checks = checks_for(ATTACHMENT_CHECK, [a.pk for a in attachments]) if attachments else {}
    return [(a, checks.get(a.pk)) for a in attachments]


def _visible(request: HttpRequest, pk: int) -> tuple[User, IncomingDocument] | None:
    user = request_user(request)
    try:
        return user, incoming_for_user(user, pk)
    except NotFound:
        return None


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    user, document = found
    if not _may_assign(user, document):
        return not_found(request, None)
    form = AssignForm(request.POST, body=document.body)
    if not form.is_valid():
        return _detail(
            request, user, document, assign_form=form, error=_("Vui lòng kiểm tra các ô.")
        )
    data = form.cleaned_data
    try:
        assign_incoming(
            actor=user,
            document=document,
            assignment=Assignment(
                lead_unit=data["lead_unit"],
                lead_user=data["lead_user"],
                coordinating_units=list(data["coordinating_units"]),
                coordinating_users=list(data["coordinating_users"]),
                information_units=list(data["information_units"]),
                information_users=list(data["information_users"]),
                instructions=data["instructions"],
                working_days=data["working_days"],
            ),
        )
    except DomainError as exc:
        return _detail(request, user, document, assign_form=form, error=exc.message)
    messages.success(request, _("Đã phân công xử lý văn bản."))
    return redirect("office:to-assign")


@login_required
@require_POST
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    user, document = found
    holding = open_holdings(user, document).select_related("unit").first()
    if holding is None or holding.unit is None or holding.user_id is not None:
        return not_found(request, None)
    form = ForwardForm(request.POST, unit=holding.unit)
    if not form.is_valid():
        return _detail(
            request, user, document, forward_form=form, error=_("Vui lòng chọn chuyên viên.")
        )
    try:
        reassign_incoming(
            actor=user,
            document=document,
            specialist=form.cleaned_data["specialist"],
            note=form.cleaned_data["note"],
            working_days=form.cleaned_data["working_days"],
        )
    except DomainError as exc:
        return _detail(request, user, document, forward_form=form, error=exc.message)
    messages.success(request, _("Đã chuyển văn bản cho chuyên viên."))
    return redirect("office:incoming-detail", pk=document.pk)


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    found = _visible(request, pk)
    if found is None or action not in ACTION_SLUGS:
        return not_found(request, None)
    user, document = found
    try:
        act_on_incoming(
            actor=user,
            document=document,
            action=ACTION_SLUGS[action],
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        return _detail(request, user, document, error=exc.message)
    messages.success(request, _("Đã ghi nhận."))
    return redirect("office:incoming-detail", pk=document.pk)


@login_required
@require_GET
def document_file(request: HttpRequest, pk: int, item: int | None = None) -> HttpResponseBase:
    found = _visible(request, pk)
    if found is None:
        return not_found(request, None)
    _user, document = found
    if item is None:
        return files.serve(document.file, download_name=f"van-ban-den-{document.arrival_number}")
    attachment = document.attachments.filter(pk=item).first()
    if attachment is None:
        return not_found(request, None)
    return files.serve(attachment.file, download_name=f"dinh-kem-{attachment.pk}")
