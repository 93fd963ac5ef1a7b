"""The citizen's lists ("Hồ sơ của tôi", the personal store), the staff's ratings,
and the public download of a procedure's blank templates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.onestop.portal.declaration import blank_pdf
from egov.onestop.portal.models import RatingValue
from egov.onestop.portal.ratings import ratings_report
from egov.onestop.portal.selectors import (
    blank_template_for,
    my_dossiers,
    stored_result_for_user,
    stored_results,
)
from egov.onestop.portal.views.common import applicant, applicant_required, forbidden, send_file
from egov.platform.accounts.access import request_user, visible_units
from egov.platform.accounts.models import AccountKind
from egov.platform.core.errors import NotFound
from egov.platform.core.responses import not_found


@applicant_required
@require_GET
def my_dossiers_page(request: HttpRequest) -> HttpResponse:
    mine = my_dossiers(applicant(request))
    return render(
        request, "portal/my_dossiers.html", {"drafts": mine.drafts, "dossiers": mine.dossiers}
    )


@applicant_required
@require_GET
def store_page(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/store.html", {"results": list(stored_results(applicant(request)))}
    )


@applicant_required
@require_GET
def stored_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    try:
        stored = stored_result_for_user(applicant(request), pk)
    except NotFound:
        return not_found(request, None)
    return send_file(stored.file)


@login_required
@require_GET
def ratings_page(request: HttpRequest) -> HttpResponse:
    """Staff who see units see the ratings of those units' dossiers."""
    user = request_user(request)
    if user.kind != AccountKind.STAFF or not visible_units(user).exists():
        return forbidden(request)
    report = ratings_report(user)
    tables = [
        (_("Theo cơ quan giải quyết"), _("Cơ quan giải quyết"), report.units, "by-unit"),
        (_("Theo cán bộ"), _("Cán bộ"), report.officers, "by-officer"),
    ]
    return render(
        request,
        "portal/ratings.html",
        {"report": report, "tables": tables, "values": RatingValue.choices},
    )


# The kinds an administrator may upload as a template, with their types.
_TEMPLATE_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@require_GET
def blank_template(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """A document's blank template: the uploaded file, else the e-form printed empty.

    Public like the catalogue: anyone may print the form and bring it to the desk.
    """
    try:
        found = blank_template_for(code, pk)
    except NotFound:
        return not_found(request, None)
    document = found.document
    if document.template_file:
        extension = str(document.template_file.name).rsplit(".", 1)[-1].lower()
        response: HttpResponseBase = FileResponse(
            document.template_file.open("rb"),
            as_attachment=True,
            filename=f"mau-{code}.{extension}",
            content_type=_TEMPLATE_TYPES.get(extension, "application/octet-stream"),
        )
    else:
        assert found.definition is not None  # noqa: S101 - the selector found one
        pdf = blank_pdf(procedure=found.procedure, document=document, definition=found.definition)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="to-khai-{code}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
