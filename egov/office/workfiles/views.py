"""Pages of work files: the file lists, a file and its actions, the exports."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.office.documents import files
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, InsufficientStorage, NotFound
from egov.platform.core.responses import not_found, storage_full

from . import export, selectors, services
from .access import may_approve, may_draft, may_receive
from .forms import EntryForm, MarkForm, NoteForm
from .models import FileListStatus, WorkFile, WorkFileStatus


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The person's files, the lists of the units they keep, the deposits to receive."""
    user = request_user(request)
    return render(
        request,
        "workfiles/index.html",
        {
            "files": list(selectors.my_files(user)[:200]),
            "units": list(selectors.kept_units(user)),
            "year": timezone.localdate().year,
            "deposits": list(selectors.deposits_to_receive(user)[:200]),
            "to_approve": list(selectors.lists_to_approve(user)[:200]),
        },
    )


def _list_context(user: User, unit_id: int, year: int) -> dict[str, object]:
    unit = selectors.unit_for_list(user, unit_id, year)
    listing = selectors.file_list(unit, year)
    draft = listing is None or listing.status == FileListStatus.DRAFT
    return {
        "unit": unit,
        "year": year,
        "listing": listing,
        "files": selectors.list_files(listing),
        "may_draft": draft and may_draft(user, unit),
        "may_approve": draft and listing is not None and may_approve(user, unit),
    }


@login_required
@require_GET
def list_page(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    user = request_user(request)
    try:
        context = _list_context(user, unit_id, year)
    except NotFound:
        return not_found(request, None)
    if context["may_draft"]:
        context["form"] = EntryForm(unit=context["unit"])  # type: ignore[arg-type]
    return render(request, "workfiles/list.html", context)


@login_required
@require_POST
def list_add(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    user = request_user(request)
    try:
        context = _list_context(user, unit_id, year)
    except NotFound:
        return not_found(request, None)
    if not context["may_draft"]:
        return not_found(request, None)
    unit = context["unit"]
    form = EntryForm(request.POST, unit=unit)  # type: ignore[arg-type]
    if form.is_valid():
        try:
            services.add_list_entry(actor=user, unit=unit, year=year, entry=form.entry())  # type: ignore[arg-type]
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã thêm hồ sơ vào danh mục."))
            return redirect("workfiles:list", unit_id=unit_id, year=year)
    context = _list_context(user, unit_id, year)
    context["form"] = form
    return render(request, "workfiles/list.html", context, status=422)


@login_required
@require_POST
def list_approve(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    user = request_user(request)
    try:
        context = _list_context(user, unit_id, year)
    except NotFound:
        return not_found(request, None)
    if not context["may_approve"]:
        return not_found(request, None)
    try:
        services.approve_list(actor=user, unit=context["unit"], year=year)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã duyệt danh mục hồ sơ năm %(year)s.") % {"year": year})
    return redirect("workfiles:list", unit_id=unit_id, year=year)


def _visible(request: HttpRequest, file_id: int) -> tuple[User, WorkFile] | None:
    user = request_user(request)
    try:
        return user, selectors.work_file_for_user(user, file_id)
    except NotFound:
        return None


def _detail(
    request: HttpRequest,
    user: User,
    work_file: WorkFile,
    *,
    note_form: NoteForm | None = None,
    error: str = "",
) -> HttpResponse:
    making = user.pk == work_file.responsible_id and work_file.status == WorkFileStatus.OPEN
    context = {
        "work_file": work_file,
        "unit": work_file.file_list.unit,
        "code": export.file_code(work_file),
        "items": selectors.items(work_file),
        "making": making,
        "may_open": user.pk == work_file.responsible_id
        and work_file.status == WorkFileStatus.PLANNED
        and work_file.file_list.status == FileListStatus.APPROVED,
        "may_request_deposit": user.pk == work_file.responsible_id
        and work_file.status == WorkFileStatus.CLOSED
        and work_file.deposit_status == "none",
        "may_receive": work_file.deposit_status == "requested"
        and may_receive(user, work_file.file_list.unit),
        "note_form": (note_form or NoteForm()) if making else None,
        "mark_choices": MarkForm.base_fields["discard"].choices,  # type: ignore[attr-defined]
        "error": error,
        "deposit_overdue": work_file.must_deposit
        and work_file.deposit_status == "none"
        and work_file.deposit_due is not None
        and work_file.deposit_due < timezone.localdate(),
    }
    return render(request, "workfiles/detail.html", context, status=422 if error else 200)


@login_required
@require_GET
def detail(request: HttpRequest, file_id: int) -> HttpResponse:
    found = _visible(request, file_id)
    if found is None:
        return not_found(request, None)
    return _detail(request, *found)


@login_required
@require_GET
def candidates(request: HttpRequest, file_id: int) -> HttpResponse:
    """The documents the maker may add, searched as they type (htmx)."""
    found = _visible(request, file_id)
    if found is None:
        return not_found(request, None)
    user, work_file = found
    if user.pk != work_file.responsible_id or work_file.status != WorkFileStatus.OPEN:
        return not_found(request, None)
    return render(
        request,
        "workfiles/_candidates.html",
        {
            "work_file": work_file,
            "documents": selectors.candidates(user, work_file, request.GET.get("q", "")),
        },
    )


def _act(
    request: HttpRequest, file_id: int, done: str, action: Callable[[User, WorkFile], object]
) -> HttpResponse:
    """Run a service on a visible file: its message on success, the page with the error if not."""
    found = _visible(request, file_id)
    if found is None:
        return not_found(request, None)
    user, work_file = found
    try:
        action(user, work_file)
    except InsufficientStorage as error:
        return storage_full(request, error, back=request.path)
    except NotFound:
        return not_found(request, None)
    except DomainError as error:
        return _detail(request, user, work_file, error=error.message)
    messages.success(request, done)
    return redirect("workfiles:detail", file_id=work_file.pk)


@login_required
@require_POST
def open_file(request: HttpRequest, file_id: int) -> HttpResponse:
    return _act(
        request,
        file_id,
        _("Đã mở hồ sơ."),
        lambda user, wf: services.open_file(actor=user, work_file=wf),
    )


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 19 else 0


@login_required
@require_POST
def add_document(request: HttpRequest, file_id: int) -> HttpResponse:
    document_id = _int(request.POST.get("document"))
    return _act(
        request,
        file_id,
        _("Đã đưa văn bản vào hồ sơ."),
        lambda user, wf: services.add_document(actor=user, work_file=wf, document_id=document_id),
    )


@login_required
@require_POST
def add_note(request: HttpRequest, file_id: int) -> HttpResponse:
    found = _visible(request, file_id)
    if found is None:
        return not_found(request, None)
    user, work_file = found
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(
            request, user, work_file, note_form=form, error=_("Vui lòng kiểm tra các ô.")
        )
    try:
        services.add_note(
            actor=user,
            work_file=work_file,
            text=form.cleaned_data["text"],
            file=form.cleaned_data["file"],
            dated=form.cleaned_data["dated"],
        )
    except InsufficientStorage as error:
        return storage_full(request, error, back=request.path)
    except NotFound:
        return not_found(request, None)
    except DomainError as error:
        return _detail(request, user, work_file, note_form=form, error=error.message)
    messages.success(request, _("Đã thêm ghi chú vào hồ sơ."))
    return redirect("workfiles:detail", file_id=work_file.pk)


@login_required
@require_POST
def mark_item(request: HttpRequest, file_id: int, item_id: int) -> HttpResponse:
    discard = request.POST.get("discard", "")
    return _act(
        request,
        file_id,
        _("Đã đánh dấu."),
        lambda user, wf: services.mark_item(
            actor=user, work_file=wf, item_id=item_id, discard=discard
        ),
    )


@login_required
@require_POST
def remove_item(request: HttpRequest, file_id: int, item_id: int) -> HttpResponse:
    return _act(
        request,
        file_id,
        _("Đã bỏ khỏi hồ sơ."),
        lambda user, wf: services.remove_item(actor=user, work_file=wf, item_id=item_id),
    )


@login_required
@require_POST
def close_file(request: HttpRequest, file_id: int) -> HttpResponse:
    return _act(
        request,
        file_id,
        _("Đã kết thúc hồ sơ."),
        lambda user, wf: services.close_file(actor=user, work_file=wf),
    )


@login_required
@require_POST
def request_deposit(request: HttpRequest, file_id: int) -> HttpResponse:
    return _act(
        request,
        file_id,
        _("Đã nộp lưu hồ sơ, chờ lưu trữ cơ quan nhận."),
        lambda user, wf: services.request_deposit(actor=user, work_file=wf),
    )


@login_required
@require_POST
def receive_deposit(request: HttpRequest, file_id: int) -> HttpResponse:
    return _act(
        request,
        file_id,
        _("Đã nhận hồ sơ nộp lưu."),
        lambda user, wf: services.receive_deposit(actor=user, work_file=wf),
    )


@login_required
@require_GET
def item_file(request: HttpRequest, file_id: int, item_id: int) -> HttpResponseBase:
    """The PDF of a note (a document's own file is served by the document office)."""
    found = _visible(request, file_id)
    if found is None:
        return not_found(request, None)
    _user, work_file = found
    try:
        item = selectors.item_of(work_file, item_id)
    except NotFound:
        return not_found(request, None)
    if not item.note_file.name:
        return not_found(request, None)
    return files.serve(item.note_file, download_name=f"ghi-chu-{item.pk}")


def _closed(request: HttpRequest, file_id: int) -> WorkFile | None:
    found = _visible(request, file_id)
    if found is None or found[1].status != WorkFileStatus.CLOSED:
        return None
    return found[1]


@login_required
@require_GET
def export_pdf(request: HttpRequest, file_id: int) -> HttpResponse:
    work_file = _closed(request, file_id)
    if work_file is None:
        return not_found(request, None)
    response = HttpResponse(export.pdf(work_file), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ho-so-{work_file.pk}.pdf"'
    return response


@login_required
@require_GET
def export_xml(request: HttpRequest, file_id: int) -> HttpResponse:
    work_file = _closed(request, file_id)
    if work_file is None:
        return not_found(request, None)
    response = HttpResponse(export.xml(work_file), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ho-so-{work_file.pk}.xml"'
    return response
