"""The reception form at a service centre's desk (tiếp nhận hồ sơ trực tiếp)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.onestop.dossiers.forms import ReceptionForm, lines
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.services import receive_dossier
from egov.onestop.dossiers.services.drafts import (
    as_upload,
    discard_draft_scans,
    draft_scans,
    keep_draft_scans,
)
from egov.onestop.dossiers.uploads import check_upload
from egov.onestop.dossiers.views.common import reception_centres
from egov.onestop.dossiers.views.detail import PRINT_SLIP
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, InsufficientStorage
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit

# The session remembers which form token made which dossier (see ReceptionForm).
_TOKENS = "dossiers.reception_tokens"
_KEEP_TOKENS = 50
_TOKEN_LENGTH = 64

# The slip "Lưu và in phiếu" prints for each outcome (Circular 03/2025/TT-VPCP):
# 01 receipt and appointment, 02 supplement request, 03 refusal.
_SLIP_OF_STATUS = {
    DossierStatus.ACCEPTED: "01",
    DossierStatus.SUPPLEMENT: "02",
    DossierStatus.NOT_ACCEPTED: "03",
}


def _centre(request: HttpRequest, centres: list[Unit]) -> Unit | None:
    raw = request.GET.get("don_vi", "")
    if not raw and len(centres) == 1:
        return centres[0]
    return next((c for c in centres if str(c.pk) == raw), None)


def _scans(request: HttpRequest, form: ReceptionForm) -> dict[int, UploadedFile]:
    known = {d.pk for d in form.procedure_documents}
    scans: dict[int, UploadedFile] = {}
    for key in request.FILES:
        raw = key.removeprefix("scan_")
        upload = request.FILES.get(key)
        if key.startswith("scan_") and raw.isdigit() and int(raw) in known and upload:
            scans[int(raw)] = upload
    return scans


def _success_message(dossier: Dossier) -> str:
    if dossier.status == DossierStatus.ACCEPTED and dossier.appointment_at is not None:
        return _("Đã tiếp nhận hồ sơ %(code)s. Hẹn trả kết quả: %(date)s.") % {
            "code": dossier.code,
            "date": formats.date_format(timezone.localtime(dossier.appointment_at), "H:i d/m/Y"),
        }
    if dossier.status == DossierStatus.SUPPLEMENT:
        return _("Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.")
    return _("Đã lập phiếu từ chối tiếp nhận hồ sơ.")


def _remember(request: HttpRequest, token: str, dossier: Dossier) -> None:
    tokens: dict[str, int] = request.session.get(_TOKENS, {})
    tokens[token] = dossier.pk
    request.session[_TOKENS] = dict(list(tokens.items())[-_KEEP_TOKENS:])


@login_required
@require_http_methods(["GET", "POST"])
def reception(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    centres = reception_centres(user)
    if not centres:
        return not_found(request, None)
    centre = _centre(request, centres)
    if centre is None:
        if request.GET.get("don_vi"):
            return not_found(request, None)
        return render(request, "dossiers/choose_centre.html", {"centres": centres})
    if request.method == "POST":
        return _receive(request, user, centre, centres)
    form = ReceptionForm(
        initial={"token": uuid.uuid4().hex, "procedure": request.GET.get("thu_tuc")},
        centre=centre,
    )
    return _form_page(request, form, centre, centres)


def _receive(request: HttpRequest, user: User, centre: Unit, centres: list[Unit]) -> HttpResponse:
    """The form sent: the dossier it made (once per form token), or the form with every error.

    Scans of a refused submit are kept as drafts of this form (its token) and
    used by the next submit for the documents it sends no new file for.
    """
    form = ReceptionForm(request.POST, request.FILES, centre=centre)
    done = request.session.get(_TOKENS, {}).get(request.POST.get("token", ""))
    if done is not None:
        messages.info(request, _("Biểu mẫu này đã được gửi; đây là hồ sơ đã tạo."))
        return redirect("dossiers:detail", pk=done)
    token = _token(request)
    removed = {int(v) for v in request.POST.getlist("bo_ban_quet") if v.isdigit()}
    if token and removed:
        discard_draft_scans(actor=user, token=token, documents=removed)
    scans, scan_errors = _checked_scans(request, form)
    if not form.is_valid() or scan_errors:
        _keep(request, user, centre, token, scans)
        return _form_page(request, form, centre, centres, scan_errors=scan_errors)
    documents = {d.pk for d in form.procedure_documents}
    kept = draft_scans(user, token, documents - set(scans))
    reopened = {pk: as_upload(draft) for pk, draft in kept.items()}
    try:
        dossier = _receive_from_form(user, centre, form, {**reopened, **scans})
    except InsufficientStorage as exc:
        # The disk is full: 507, nothing kept (no draft either), the form
        # shown so the officer can send it again.
        return _form_page(request, form, centre, centres, error=exc.message, status=exc.status)
    except DomainError as exc:
        _keep(request, user, centre, token, scans)
        return _form_page(request, form, centre, centres, error=exc.message)
    finally:
        for upload in reopened.values():
            upload.close()
    if token:
        discard_draft_scans(actor=user, token=token)
    _remember(request, form.cleaned_data["token"], dossier)
    messages.success(request, _success_message(dossier))
    slip = _SLIP_OF_STATUS.get(DossierStatus(dossier.status))
    if slip is not None:
        # "Lưu và in phiếu": the dossier's page opens this slip once (detail.py).
        request.session[PRINT_SLIP] = {"dossier": dossier.pk, "form": slip}
    return redirect("dossiers:detail", pk=dossier.pk)


def _token(request: HttpRequest) -> str:
    raw = (
        request.POST.get("token", "") if request.method == "POST" else request.GET.get("token", "")
    )
    return raw if 0 < len(raw) <= _TOKEN_LENGTH and raw.isalnum() else ""


def _checked_scans(
    request: HttpRequest, form: ReceptionForm
) -> tuple[dict[int, UploadedFile], dict[int, str]]:
    """The posted scans that pass the upload checks, and the refusal of each other one."""
    scans: dict[int, UploadedFile] = {}
    errors: dict[int, str] = {}
    for pk, upload in _scans(request, form).items():
        chosen = upload.name or ""
        try:
            check_upload(upload)
        except DomainError as exc:
            errors[pk] = exc.message
        else:
            upload.chosen_name = chosen  # type: ignore[attr-defined]
            scans[pk] = upload
    return scans, errors


def _keep(
    request: HttpRequest, user: User, centre: Unit, token: str, scans: dict[int, UploadedFile]
) -> None:
    """Keep the good scans of a refused submit as drafts; a failure to keep them is said."""
    if not token or not scans:
        return
    names = {pk: str(getattr(upload, "chosen_name", "")) for pk, upload in scans.items()}
    try:
        keep_draft_scans(actor=user, receiving_unit=centre, token=token, scans=scans, names=names)
    except DomainError as exc:
        messages.error(request, exc.message)


def _receive_from_form(
    user: User, centre: Unit, form: ReceptionForm, scans: dict[int, UploadedFile]
) -> Dossier:
    data = form.cleaned_data
    return receive_dossier(
        actor=user,
        receiving_unit=centre,
        procedure=data["procedure"],
        agency=data["agency"],
        applicant=form.applicant(),
        outcome=data["outcome"],
        received_document_ids=data["documents"],
        scans=scans,
        items=lines(data["items"]),
        reason=data["reason"],
    )


def _error_entries(
    form: ReceptionForm, error: str, scan_errors: dict[int, str]
) -> list[tuple[str, str]]:
    """The error summary: every problem, in the form's order, each linked to its field."""
    entries: list[tuple[str, str]] = [("", error)] if error else []
    entries += [("", str(e)) for e in form.non_field_errors()]
    names = {d.pk: d.name for d in form.procedure_documents}
    for field in form:
        if field.is_hidden:
            continue
        entries += [(field.id_for_label or "", f"{field.label}: {e}") for e in field.errors]
        if field.name == "documents":
            entries += [
                (
                    f"scan_{pk}",
                    _("Bản quét – %(name)s: %(error)s") % {"name": names[pk], "error": e},
                )
                for pk, e in scan_errors.items()
                if pk in names
            ]
    return entries


def _form_page(
    request: HttpRequest,
    form: ReceptionForm,
    centre: Unit,
    centres: list[Unit],
    *,
    error: str = "",
    scan_errors: dict[int, str] | None = None,
    status: int | None = None,
) -> HttpResponse:
    scan_errors = scan_errors or {}
    entries = _error_entries(form, error, scan_errors) if form.is_bound else []
    documents = {d.pk for d in form.procedure_documents}
    form.kept_scans = draft_scans(request_user(request), _token(request), documents)
    form.scan_errors = scan_errors
    return render(
        request,
        "dossiers/reception.html",
        {"form": form, "centre": centre, "centres": centres, "error_entries": entries},
        status=status or (422 if entries else 200),
    )


@login_required
@require_GET
def procedure_parts(request: HttpRequest) -> HttpResponse:
    """The agencies and documents of the chosen procedure (htmx fragment)."""
    centre = _centre(request, reception_centres(request_user(request)))
    if centre is None:
        return not_found(request, None)
    form = ReceptionForm(initial={"procedure": request.GET.get("procedure", "")}, centre=centre)
    # Most dossiers are decided by the unit the centre serves: choose it first.
    agencies = form.fields["agency"].queryset  # type: ignore[attr-defined]
    if centre.parent_id is not None and agencies.filter(pk=centre.parent_id).exists():
        form.initial["agency"] = centre.parent_id
    # The scans this form kept after a refused submit, shown again if the
    # officer comes back to their procedure.
    documents = {d.pk for d in form.procedure_documents}
    form.kept_scans = draft_scans(request_user(request), _token(request), documents)
    return render(request, "dossiers/_procedure_parts.html", {"form": form})
