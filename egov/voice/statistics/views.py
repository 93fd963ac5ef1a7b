"""The leader's statistics page of the citizens' voice and its XLSX and PDF downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit
from egov.voice.staffpages import staff_user
from egov.voice.statistics import exports, figures
from egov.voice.statistics.forms import PeriodForm


def choosable_units(user: User) -> QuerySet[Unit]:
    """The user's units and every active unit under them."""
    under = Q(pk__in=[])
    for scope in figures.scopes_for(user):
        under |= Q(path__startswith=scope.path)
    return Unit.objects.filter(under, is_active=True).order_by("path")


def _report(request: HttpRequest) -> tuple[PeriodForm, figures.Report | None, str, int]:
    user = staff_user(request)
    form = PeriodForm(request.GET or None, units=choosable_units(user))
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


def _page(
    request: HttpRequest, form: PeriodForm, report: figures.Report | None, error: str, status: int
) -> HttpResponse:
    context = {
        "form": form,
        "report": report,
        "error": error,
        "query": request.GET.urlencode(),
        # Each cell with its column's name: the tables stack on a phone, labelled.
        "tables": [
            (table, [list(zip(table.headers, row, strict=True)) for row in table.rows])
            for table in (report.tables if report else [])
        ],
    }
    return render(request, "voice_statistics/statistics.html", context, status=status)


@login_required
@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    return _page(request, *_report(request))


def _download(request: HttpRequest, fmt: str) -> HttpResponse:
    form, report, error, status = _report(request)
    if report is None:
        return _page(request, form, report, error, status)
    return exports.download(staff_user(request), report, fmt)


@login_required
@require_GET
def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, "xlsx")


@login_required
@require_GET
def statistics_pdf(request: HttpRequest) -> HttpResponse:
    return _download(request, "pdf")
