"""Applying online: the form, the documents, the fees, "Lưu nháp" and "Nộp hồ sơ"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.onestop.dossiers.models import Dossier
from egov.onestop.payments.selectors import dossier_fee
from egov.onestop.payments.services import start_payment
from egov.onestop.portal import services
from egov.onestop.portal.declaration import generated_documents
from egov.onestop.portal.errors import PortalError
from egov.onestop.portal.models import Application, ApplicationStatus
from egov.onestop.portal.online_form import OnlineForm
from egov.onestop.portal.selectors import (
    application_for_user,
    deciding_agencies,
    default_agency,
    online_fees,
    online_procedure,
    stored_results,
)
from egov.onestop.portal.services.applying import address_unit_id
from egov.onestop.portal.views.common import applicant, applicant_required, client_ip
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, InsufficientStorage, NotFound
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit

SAVE, SUBMIT = "luu", "nop"


@applicant_required
@require_http_methods(["GET", "POST"])
def apply_page(request: HttpRequest, code: str) -> HttpResponse:
    try:
        procedure = online_procedure(code)
    except NotFound:
        return not_found(request, None)
    return _form_page(request, procedure, None)


@applicant_required
@require_http_methods(["GET", "POST"])
def draft_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = applicant(request)
    try:
        application = application_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    if application.status != ApplicationStatus.DRAFT:
        assert application.dossier_id is not None  # noqa: S101 - set on submission
        return redirect("portal:dossier", pk=application.dossier_id)
    return _form_page(request, application.procedure, application)


def _posted_agency(request: HttpRequest) -> Unit | None:
    raw = request.POST.get("agency", "")
    return Unit.objects.filter(pk=int(raw)).first() if raw.isdigit() else None


def _posted_files(
    request: HttpRequest, procedure: Procedure
) -> tuple[dict[int, UploadedFile], dict[int, int]]:
    uploads: dict[int, UploadedFile] = {}
    reused: dict[int, int] = {}
    for document in procedure.documents.all():
        upload = request.FILES.get(f"tep_{document.pk}")
        if upload is not None:
            uploads[document.pk] = upload
        stored = request.POST.get(f"kho_{document.pk}", "")
        if stored.isdigit():
            reused[document.pk] = int(stored)
    return uploads, reused


# Submit refusals about what the citizen typed or attached: the page's input is
# then kept as a draft, so attached files need not be chosen again.
_FIXABLE = {PortalError.AGENCY_REQUIRED, PortalError.FORM_INVALID, PortalError.MISSING_DOCUMENTS}


def _form_page(
    request: HttpRequest, procedure: Procedure, application: Application | None
) -> HttpResponse:
    user = applicant(request)
    form = OnlineForm.for_procedure(procedure)
    home = address_unit_id(user)
    agencies = deciding_agencies(procedure, home)
    problems: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        data = form.parse(request.POST)
        agency = _posted_agency(request)
        try:
            return _save_or_submit(request, user, procedure, application, agency, data)
        except DomainError as exc:
            problems = dict(exc.details)
            if exc.code in _FIXABLE:
                application = _keep_as_draft(request, user, procedure, application, agency, data)
            else:
                messages.error(request, exc.message)
            # 507 when the disk is full (nothing was kept), else 422.
            status = exc.status if isinstance(exc, InsufficientStorage) else 422
            chosen = agency.pk if agency is not None else None
    else:
        data = application.form_data if application is not None else form.initial(user)
        chosen = _agency_shown(application, agencies, home)
    context = _page_context(user, procedure, application, agencies, chosen, form)
    errors = dict(problems.get("errors", {}))
    context["form_html"] = form.render(data, errors, summary=False)
    context.update(_problems_shown(form, errors, problems))
    return render(request, "portal/apply.html", context, status=status)


def _keep_as_draft(
    request: HttpRequest,
    user: User,
    procedure: Procedure,
    application: Application | None,
    agency: Unit | None,
    data: dict[str, Any],
) -> Application | None:
    """Save what a refused submit carried, files included, as the citizen's draft."""
    uploads, reused = _posted_files(request, procedure)
    try:
        return services.save_draft(
            actor=user,
            procedure=procedure,
            application=application,
            agency=agency,
            form_data=data,
            uploads=uploads,
            reused=reused,
            removed=_removed(request),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return application


def _problems_shown(
    form: OnlineForm, errors: dict[str, str], problems: dict[str, Any]
) -> dict[str, Any]:
    """One summary of every problem, each linked to its field, and the per-field messages."""
    entries: list[tuple[str, str]] = []
    if problems.get("agency"):
        entries.append(("agency", _("Cơ quan giải quyết: %s") % problems["agency"]))
    entries += form.summary_entries(errors)
    missing = dict(zip(problems.get("missing_ids", []), problems.get("missing", []), strict=False))
    for doc_id, name in missing.items():
        entries.append(
            (f"tep_{doc_id}", _("Giấy tờ kèm theo – %s: Cần đính kèm giấy tờ này.") % name)
        )
    return {
        "error_entries": entries,
        "agency_error": problems.get("agency", ""),
        "missing_documents": set(missing),
    }


def _removed(request: HttpRequest) -> list[int]:
    """The attached files the citizen ticked "Gỡ tệp" for."""
    return [int(v) for v in request.POST.getlist("go_tep") if v.isdigit()]


def _save_or_submit(
    request: HttpRequest,
    user: User,
    procedure: Procedure,
    application: Application | None,
    agency: Unit | None,
    data: dict[str, Any],
) -> HttpResponse:
    """The "Lưu nháp" or the "Nộp hồ sơ" button; a DomainError if the input is refused."""
    uploads, reused = _posted_files(request, procedure)
    if request.POST.get("hanh_dong", SAVE) == SUBMIT:
        dossier = services.save_and_submit(
            actor=user,
            procedure=procedure,
            application=application,
            agency=agency,
            form_data=data,
            uploads=uploads,
            reused=reused,
            removed=_removed(request),
        )
        return _after_submit(request, user, dossier)
    application = services.save_draft(
        actor=user,
        procedure=procedure,
        application=application,
        agency=agency,
        form_data=data,
        uploads=uploads,
        reused=reused,
        removed=_removed(request),
    )
    messages.success(
        request,
        _("Đã lưu nháp. Bạn có thể quay lại hoàn thiện và nộp bất cứ lúc nào."),
    )
    return redirect("portal:draft", pk=application.pk)


def _agency_shown(
    application: Application | None, agencies: list[Unit], home: int | None
) -> int | None:
    """The draft's agency, else the one nearest the citizen's address."""
    chosen_unit = (
        application.agency
        if application is not None and application.agency is not None
        else default_agency(agencies, home)
    )
    return chosen_unit.pk if chosen_unit is not None else None


def _page_context(
    user: User,
    procedure: Procedure,
    application: Application | None,
    agencies: list[Unit],
    chosen: int | None,
    form: OnlineForm,
) -> dict[str, Any]:
    """The page around the form: agencies, documents (with what is attached, or printed
    from the e-form), store, fees."""
    attached = (
        {f.procedure_document_id: f for f in application.files.select_related("stored_result")}
        if application is not None
        else {}
    )
    ordered = list(procedure.documents.order_by("position", "pk"))
    documents = [(d, attached.get(d.pk)) for d in ordered]
    return {
        "generated_documents": {d.pk for d in generated_documents(ordered, form.definition)},
        "procedure": procedure,
        "application": application,
        "agencies": agencies,
        "chosen_agency": chosen,
        "documents": documents,
        "store": list(stored_results(user)),
        "fees": online_fees(procedure, next((a for a in agencies if a.pk == chosen), None)),
        "max_mb": settings.UPLOAD_MAX_MB,
    }


def _after_submit(request: HttpRequest, user: User, dossier: Dossier) -> HttpResponse:
    messages.success(
        request,
        _(
            "Đã nộp hồ sơ. Bộ phận một cửa sẽ kiểm tra và thông báo kết quả tiếp nhận. "
            "Theo dõi hồ sơ ngay từ bây giờ với mã theo dõi %(reference)s "
            "và mã tra cứu %(secret)s."
        )
        % {"reference": dossier.tracking_reference, "secret": dossier.tracking_secret},
    )
    # Not set (None) goes on too: start_payment refuses it with `fee_not_set`.
    if dossier_fee(dossier).total_vnd != 0:
        try:
            _payment, url = start_payment(
                actor=user, dossier=dossier, purpose="fee", client_ip=client_ip(request)
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect(url)
    return redirect("portal:dossier", pk=dossier.pk)
