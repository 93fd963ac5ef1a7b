"""The clerk's pages: the list of incoming documents and the registration form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.office.documents.forms import RegisterIncomingForm
from egov.office.documents.models import IncomingDocument
from egov.office.documents.selectors import clerk_bodies, registered_by_bodies
from egov.office.documents.services.incoming import Arrival, register_incoming
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit
from egov.platform.web.pagination import BoundedPaginator

PAGE_SIZE = 25


@login_required
@require_GET
def incoming_list(request: HttpRequest) -> HttpResponse:
    """The clerk's register of incoming documents, the latest registered first."""
    user = request_user(request)
    search = request.GET.get("q", "").strip()[:100]
    documents = registered_by_bodies(user)
    if search:
        documents = documents.filter(notation__icontains=search) | documents.filter(
            summary__icontains=search
        )
    page = BoundedPaginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "search": search, "bodies": clerk_bodies(user)}
    if request.htmx and request.htmx.target == "incoming-list":  # type: ignore[attr-defined]
        return render(request, "office/_incoming_rows.html", context)
    return render(request, "office/incoming_list.html", context)


def _body(request: HttpRequest, bodies: list[Unit]) -> Unit | None:
    raw = request.GET.get("co_quan", "")
    if not raw and len(bodies) == 1:
        return bodies[0]
    return next((b for b in bodies if str(b.pk) == raw), None)


@login_required
@require_http_methods(["GET", "POST"])
def register_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    bodies = clerk_bodies(user)
    body = _body(request, bodies)
    if body is None:
        return not_found(request, None)
    if request.method == "POST":
        form = RegisterIncomingForm(request.POST, request.FILES, body=body)
        if not form.is_valid():
            return _form_page(
                request, form, body, error=_("Vui lòng kiểm tra các ô được đánh dấu.")
            )
        try:
            document = _register(request, user, body, form)
        except DomainError as exc:
            duplicate = exc.code == "office_possible_duplicate"
            return _form_page(request, form, body, error=exc.message, duplicate=duplicate)
        messages.success(
            request,
            _("Đã vào sổ văn bản đến, số đến %(number)s, và trình %(leader)s.")
            % {"number": document.arrival_number, "leader": document.leader.display_name},
        )
        return redirect("office:incoming-detail", pk=document.pk)
    return _form_page(request, RegisterIncomingForm(body=body), body, error="")


def _register(
    request: HttpRequest, user: User, body: Unit, form: RegisterIncomingForm
) -> IncomingDocument:
    data = form.cleaned_data
    return register_incoming(
        actor=user,
        body=body,
        arrival=Arrival(
            channel=data["channel"],
            arrived_at=data["arrived_at"],
            sender=data["sender"],
            notation=data["notation"],
            issued_on=data["issued_on"],
            document_type=data["document_type"],
            summary=data["summary"],
            urgency=data["urgency"],
            secrecy=data["secrecy"],
            pages=data["pages"],
        ),
        file=data["file"],
        attachments=request.FILES.getlist("attachments"),
        leader=data["leader"],
        confirm_duplicate=data["confirm_duplicate"],
    )


def _form_page(
    request: HttpRequest,
    form: RegisterIncomingForm,
    body: Unit,
    *,
    error: str,
    duplicate: bool = False,
) -> HttpResponse:
    return render(
        request,
        "office/register.html",
        {"form": form, "body": body, "error": error, "duplicate": duplicate},
        status=422 if error else 200,
    )
