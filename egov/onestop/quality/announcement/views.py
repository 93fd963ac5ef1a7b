"""The yearly announcement of conformity: a page and its PDF (issue 19, item 4).

The page shows what would be announced; producing the PDF is a POST, recorded
as an audit event. A refusal re-renders the page with its message (403 not
allowed, 400 a bad year, 409 nothing to announce); another agency's answer 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.onestop.quality.announcement.selectors import (
    ANNOUNCEMENT_ARTICLE_1,
    ANNOUNCEMENT_BASIS,
    ANNOUNCEMENT_TEXT,
    announcement_of,
)
from egov.onestop.quality.announcement.services import (
    ISSUERS,
    check_year,
    issue_announcement,
)
from egov.onestop.quality.printing import renderer
from egov.platform.accounts.access import has_role_over, request_user, visible_units
from egov.platform.core.errors import DomainError
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit

STATUS_OF = {"permission_denied": 403, "invalid_year": 400}


def _page(
    request: HttpRequest, agency: Unit, year: int, error: str = "", status: int = 200
) -> HttpResponse:
    user = request_user(request)
    may_issue = has_role_over(user, agency, ISSUERS)
    return render(
        request,
        "quality/announcement/page.html",
        {
            "agency": agency,
            "year": year,
            "announcement": announcement_of(agency, year) if may_issue else None,
            "may_issue": may_issue,
            "error": error
            or (
                ""
                if may_issue
                else _("Chỉ lãnh đạo hoặc quản trị của cơ quan được lập bản công bố.")
            ),
        },
        status=status,
    )


def _agency(request: HttpRequest, unit_id: int) -> Unit | None:
    return visible_units(request_user(request)).filter(pk=unit_id).first()


@login_required
@require_GET
def announcement_page(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    agency = _agency(request, unit_id)
    if agency is None:
        return not_found(request, None)
    try:
        check_year(year)
    except DomainError:
        return not_found(request, None)
    may_issue = has_role_over(request_user(request), agency, ISSUERS)
    return _page(request, agency, year, status=200 if may_issue else 403)


@login_required
@require_POST
def announcement_pdf(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    agency = _agency(request, unit_id)
    if agency is None:
        return not_found(request, None)
    try:
        announcement, issued = issue_announcement(
            actor=request_user(request), agency=agency, year=year
        )
    except DomainError as error:
        if error.code == "invalid_year":
            return not_found(request, None)
        return _page(request, agency, year, error.message, STATUS_OF.get(error.code, 409))
    content = renderer.pdf(
        "announcement.html",
        {
            "a": announcement,
            "notation": issued.notation,
            "text": ANNOUNCEMENT_TEXT,
            "basis": ANNOUNCEMENT_BASIS,
            "article_1": ANNOUNCEMENT_ARTICLE_1.format(agency=agency.name),
            "printed_on": timezone.localdate(),
        },
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cong-bo-iso-{agency.pk}-{year}.pdf"'
    return response
