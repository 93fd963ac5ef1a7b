"""The statistics page and its downloads (leaders and clerks)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from egov.office.documents.models import Register
from egov.office.statistics import exports, figures
from egov.office.statistics.forms import StatisticsForm
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit


def choosable_units(user: User) -> QuerySet[Unit]:
    """The user's units and the issuing bodies under them."""
    scopes = figures.scopes_for(user)
    under = Q(pk__in=[])
    for scope in scopes:
        under |= Q(path__startswith=scope.path)
    bodies = Register.objects.values("body_id")
    return (
        Unit.objects.filter(under, is_active=True)
        .filter(Q(pk__in=[s.pk for s in scopes]) | Q(pk__in=bodies))
        .order_by("path")
    )


def _report(request: HttpRequest) -> tuple[StatisticsForm, figures.Report | None, str, int]:
    user = request_user(request)
    form = StatisticsForm(request.GET or None, units=choosable_units(user))
    if form.is_bound and not form.is_valid():
        return form, None, "", 422
    data = form.cleaned_data if form.is_bound else {}
    unit = data.get("don_vi")
    try:
        scope = figures.scope_for(user, unit.pk if unit else None)
        start, end = figures.period(data.get("tu"), data.get("den"), timezone.localdate())
    except DomainError as error:
        return form, None, error.message, error.status
    return form, figures.report(scope=scope, date_from=start, date_to=end), "", 200


def _labelled(headers: tuple[str, ...], rows: list[list[Any]]) -> list[list[tuple[str, Any]]]:
    """Each cell with its column's name: the table stacks on a phone, labelled."""
    return [list(zip(headers, row, strict=True)) for row in rows]


def _page(
    request: HttpRequest,
    form: StatisticsForm,
    report: figures.Report | None,
    error: str,
    status: int,
) -> HttpResponse:
    query = request.GET.urlencode()
    context = {
        "form": form,
        "report": report,
        "error": error,
        "query": query,
        "unit_headers": exports.UNIT_HEADERS,
        "unit_rows": _labelled(exports.UNIT_HEADERS, exports.unit_rows(report) if report else []),
        "person_headers": exports.PERSON_HEADERS,
        "person_rows": _labelled(
            exports.PERSON_HEADERS, exports.person_rows(report) if report else []
        ),
        "default_from": date(timezone.localdate().year, 1, 1),
    }
    template = (
        "office_statistics/_figures.html"
        if request.htmx and request.htmx.target == "office-figures"  # type: ignore[attr-defined]
        else "office_statistics/statistics.html"
    )
    return render(request, template, context, status=status)


@login_required
@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    return _page(request, *_report(request))


def _download(request: HttpRequest, fmt: str) -> HttpResponse:
    form, report, error, status = _report(request)
    if report is None:
        return _page(request, form, report, error, status)
    return exports.download(request_user(request), report, fmt)


@login_required
@require_GET
def statistics_pdf(request: HttpRequest) -> HttpResponse:
    return _download(request, "pdf")


@login_required
@require_GET
def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, "xlsx")
