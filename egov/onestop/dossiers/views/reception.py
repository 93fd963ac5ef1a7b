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
from egov.onestop.dossiers.views.common import reception_centres
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, InsufficientStorage
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit

# The session remembers which form token made which dossier (see ReceptionForm).
_TOKENS = "dossiers.reception_tokens"
_KEEP_TOKENS = 50


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
    return _form_page(request, form, centre, centres, error="")


def _receive(request: HttpRequest, user: User, centre: Unit, centres: list[Unit]) -> HttpResponse:
    """The form sent: the dossier it made (once per form token), or the form with the error."""
    form = ReceptionForm(request.POST, request.FILES, centre=centre)
    done = request.session.get(_TOKENS, {}).get(request.POST.get("token", ""))
    if done is not None:
        messages.info(request, _("Biểu mẫu này đã được gửi; đây là hồ sơ đã tạo."))
        return redirect("dossiers:detail", pk=done)
    if not form.is_valid():
        error = _("Vui lòng kiểm tra các ô được đánh dấu.")
        return _form_page(request, form, centre, centres, error=error)
    try:
        dossier = _receive_from_form(request, user, centre, form)
    except InsufficientStorage as exc:
        # The disk is full: 507, the form kept so the officer can send it again.
        return _form_page(request, form, centre, centres, error=exc.message, status=exc.status)
    except DomainError as exc:
        return _form_page(request, form, centre, centres, error=exc.message)
    _remember(request, form.cleaned_data["token"], dossier)
    messages.success(request, _success_message(dossier))
    return redirect("dossiers:detail", pk=dossier.pk)


def _receive_from_form(
    request: HttpRequest, user: User, centre: Unit, form: ReceptionForm
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
        scans=_scans(request, form),
        items=lines(data["items"]),
        reason=data["reason"],
    )


def _form_page(
    request: HttpRequest,
    form: ReceptionForm,
    centre: Unit,
    centres: list[Unit],
    *,
    error: str,
    status: int | None = None,
) -> HttpResponse:
    return render(
        request,
        "dossiers/reception.html",
        {"form": form, "centre": centre, "centres": centres, "error": error},
        status=status or (422 if error else 200),
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
    return render(request, "dossiers/_procedure_parts.html", {"form": form})
