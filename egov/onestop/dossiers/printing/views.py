"""The standard forms as PDF, for staff who may see the dossier or the unit.

Every print is logged: the forms carry personal data, and Decree
13/2023/NĐ-CP asks who read it to be recorded.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.template import Engine, RequestContext
from django.template.backends.django import get_installed_libraries
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.printing.forms import BUILDERS, NotApplicable, PrintedForm
from egov.onestop.dossiers.printing.register import BadPeriod, dossier_register, parse_period
from egov.onestop.dossiers.printing.render import TEMPLATE_DIR, render_pdf
from egov.onestop.dossiers.selectors import dossier_for_user
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit
from egov.platform.organisation.selectors import unit_for_user


@cache
def _page_engine() -> Engine:
    """Renders the error page inside the site's layout (web/base.html)."""
    backend: dict[str, Any] = settings.TEMPLATES[0]
    processors: list[str] = backend["OPTIONS"]["context_processors"]
    return Engine(
        dirs=[str(TEMPLATE_DIR)],
        app_dirs=True,
        libraries=get_installed_libraries(),
        context_processors=processors,
    )


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    heading = _("Không tìm thấy") if status == 404 else _("Yêu cầu không hợp lệ")
    template = _page_engine().get_template("printing/error.html")
    context = RequestContext(request, {"heading": heading, "message": message})
    return HttpResponse(template.render(context), status=status)


def _pdf(form: PrintedForm, filename: str, context: dict[str, Any]) -> HttpResponse:
    pdf = render_pdf(form.template, {**context, "form": form})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename) or "inline"
    # Personal data: no shared cache may keep a copy.
    response["Cache-Control"] = "private, no-store"
    return response


def _log(user: User, target: Dossier | Unit, unit: Unit, form: str, **details: Any) -> None:
    with transaction.atomic():
        record_event(
            event_type="printing.form_printed",
            actor=user,
            target=target,
            unit=unit,
            details={"form": form, **details},
        )


@require_GET
@login_required
def dossier_form(request: HttpRequest, pk: int, number: str) -> HttpResponse:
    """Forms 01-06 of one dossier."""
    user = request_user(request)
    build = BUILDERS.get(number)
    if build is None:
        raise Http404
    try:
        dossier = dossier_for_user(user, pk)
    except DomainError:
        raise Http404 from None
    try:
        form = build(dossier)
    except NotApplicable as exc:
        return _error(request, 404, exc.message)
    _log(user, dossier, dossier.receiving_unit, number, code=dossier.code)
    name = dossier.code or f"ho-so-{dossier.pk}"
    return _pdf(form, f"{number}-{name}.pdf", {**form.context, "form": form})


@require_GET
@login_required
def unit_register(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Form 07: the register of a unit for a period (?tu=YYYY-MM-DD&den=YYYY-MM-DD)."""
    user = request_user(request)
    try:
        unit = unit_for_user(user, unit_id)
    except DomainError:
        raise Http404 from None
    try:
        first, last = parse_period(request.GET.get("tu"), request.GET.get("den"))
        form = dossier_register(unit, first, last)
    except BadPeriod as exc:
        return _error(request, 400, exc.message)
    _log(user, unit, unit, "07", first=first.isoformat(), last=last.isoformat())
    filename = f"07-so-theo-doi-{unit.pk}-{first:%Y%m%d}-{last:%Y%m%d}.pdf"
    return _pdf(form, filename, form.context)
