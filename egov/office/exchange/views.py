"""The clerk's pages (documents received through the exchange, to register or refuse)
and the administrators' page of the exchange directory."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.office.documents.models import DocumentType
from egov.office.exchange import directory, intake
from egov.office.exchange.hub.services import clients as hub_clients
from egov.office.exchange.models import OutsideAgency, ReceivedDocument
from egov.office.exchange.selectors import received_for_clerk, received_for_user, waiting_for_clerk
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, NotFound
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit


@login_required
@require_GET
def queue_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    context = {
        "waiting": list(waiting_for_clerk(user)[:200]),
        "handled": list(
            received_for_clerk(user).exclude(state="waiting").order_by("-handled_at", "-pk")[:50]
        ),
    }
    return render(request, "exchange/queue.html", context)


def _page(
    request: HttpRequest, user: User, received: ReceivedDocument, *, error: str = ""
) -> HttpResponse:
    context = {
        "received": received,
        "attachments": list(received.attachments.order_by("pk")),
        "types": DocumentType.objects.filter(is_active=True).order_by("name"),
        "error": error,
    }
    return render(request, "exchange/received.html", context, status=422 if error else 200)


@login_required
@require_GET
def received_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        received = received_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    return _page(request, user, received)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        received = received_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    raw_type = request.POST.get("document_type", "")
    kind = DocumentType.objects.filter(pk=raw_type).first() if raw_type.isdigit() else None
    try:
        incoming = intake.register_received(
            actor=user,
            received=received,
            document_type=kind,
            confirm_duplicate=request.POST.get("confirm_duplicate") == "1",
        )
    except DomainError as error:
        return _page(request, user, received, error=error.message)
    messages.success(
        request, _("Đã vào sổ văn bản đến, số đến %(n)s.") % {"n": incoming.arrival_number}
    )
    return redirect("office:incoming-detail", incoming.pk)


@login_required
@require_POST
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        received = received_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    try:
        intake.refuse_received(actor=user, received=received, reason=request.POST.get("reason", ""))
    except DomainError as error:
        return _page(request, user, received, error=error.message)
    messages.success(request, _("Đã từ chối văn bản và báo lại cơ quan gửi."))
    return redirect("exchange:queue")


@login_required
@require_POST
def answer_recall(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        received = received_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    accept = request.POST.get("accept") == "1"
    try:
        intake.answer_recall(
            actor=user, received=received, accept=accept, note=request.POST.get("note", "")
        )
    except DomainError as error:
        return _page(request, user, received, error=error.message)
    messages.success(request, _("Đã trả lời đề nghị thu hồi và báo lại cơ quan gửi."))
    return redirect("exchange:received", received.pk)


def _directory_page(
    request: HttpRequest, *, form: dict[str, str] | None = None, error: str = ""
) -> HttpResponse:
    hub = str(settings.EXCHANGE_HUB_URL or "")
    context = {
        "own": Unit.objects.filter(agency_code__isnull=False).order_by("path"),
        "outside": OutsideAgency.objects.order_by("-is_active", "name"),
        "hub_url": hub,
        "routing": settings.EXCHANGE_ROUTING,
        # Which agencies each client deployment of this hub serves; never the tokens.
        "hub_clients": sorted(hub_clients().values()),
        "form": form or {},
        "error": error,
    }
    return render(request, "exchange/directory.html", context, status=422 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def directory_page(request: HttpRequest) -> HttpResponse:
    """The exchange directory for the deployment's administrators: agencies, codes, routes."""
    user = request_user(request)
    if not directory.may_manage(user):
        return render(request, "exchange/directory_denied.html", status=403)
    if request.method == "GET":
        code = request.GET.get("ma", "")
        agency = OutsideAgency.objects.filter(organ_id=code).first() if code else None
        form = (
            {name: getattr(agency, name) for name in directory.FIELDS.values()}
            | {"is_active": "1" if agency.is_active else ""}
            if agency
            else {"is_active": "1"}
        )
        return _directory_page(request, form=form)
    form = {name: request.POST.get(name, "") for name in directory.FIELDS.values()}
    form["is_active"] = request.POST.get("is_active", "")
    try:
        agency, changed = directory.save_agency(
            actor=user, values=form, is_active=form["is_active"] == "1"
        )
    except DomainError as error:
        return _directory_page(request, form=form, error=error.message)
    messages.success(
        request,
        (_("Đã lưu %(agency)s.") if changed else _("Không có gì thay đổi: %(agency)s."))
        % {"agency": agency},
    )
    return redirect("exchange:directory")
