"""The search page and the register books' page and downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.office.documents.selectors import assignable_units, clerk_bodies
from egov.office.search import books
from egov.office.search.forms import PeriodForm, SearchForm
from egov.office.search.models import SearchEntry, TextStatus
from egov.office.search.selectors import entries_for, search_incoming, searchable_registers
from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import Membership, User
from egov.platform.core.errors import DomainError
from egov.platform.core.responses import not_found
from egov.platform.organisation.models import Unit
from egov.platform.web.pagination import BoundedPaginator

PAGE_SIZE = 20


def _holder_units(user: User) -> QuerySet[Unit]:
    """Units to filter by holder: those of the user's bodies (their units' subtrees)."""
    paths = list(
        Membership.objects.filter(user=user, unit__is_active=True).values_list(
            "unit__path", flat=True
        )
    )
    if not paths:
        return Unit.objects.none()
    bodies = Unit.objects.filter(path__in=paths)
    result = Unit.objects.none()
    for body in bodies:
        result |= assignable_units(body)
    return result.distinct().order_by("path")


@login_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = SearchForm(
        request.GET or None, registers=searchable_registers(user), units=_holder_units(user)
    )
    page = None
    entries: dict[int, SearchEntry] = {}
    bound: int | None = None
    if form.is_bound and form.is_valid() and not form.criteria().empty:
        results = search_incoming(user, form.criteria())
        bound = results.bound
        page = BoundedPaginator(results.documents, PAGE_SIZE).get_page(request.GET.get("page"))
        entries = entries_for(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [(d, entries.get(d.pk)) for d in page.object_list] if page else [],
        "query": query.urlencode(),
        "bound": bound,
        # Files still being read (OCR): the results refresh themselves.
        "polling": any(
            entry.text_status in (TextStatus.PENDING, TextStatus.RUNNING)
            for entry in entries.values()
        ),
    }
    if request.htmx and request.htmx.target == "search-results":  # type: ignore[attr-defined]
        return render(request, "office_search/_results.html", context)
    return render(request, "office_search/search.html", context)


@login_required
@require_GET
def books_page(request: HttpRequest) -> HttpResponse:
    """The clerk's register books: pick a register and a period, print or export it."""
    user = request_user(request)
    return render(
        request,
        "office_search/books.html",
        {
            "registers": books.books_for(user),
            "form": PeriodForm(),
            "is_clerk": bool(clerk_bodies(user)),
        },
    )


def _download(request: HttpRequest, register_id: int, fmt: str) -> HttpResponse:
    user = request_user(request)
    try:
        register = books.book_register(user, register_id)
    except DomainError:
        return not_found(request, None)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "office_search/books.html",
            {"registers": books.books_for(user), "form": form, "error": _("Ngày không hợp lệ.")},
            status=422,
        )
    try:
        book = books.incoming_book(
            actor=user,
            register=register,
            date_from=form.cleaned_data.get("tu"),
            date_to=form.cleaned_data.get("den"),
            fmt=fmt,
        )
    except DomainError as error:
        return render(
            request,
            "office_search/books.html",
            {"registers": books.books_for(user), "form": form, "error": error.message},
            status=error.status,
        )
    return books.download(book, fmt)


@login_required
@require_GET
def book_pdf(request: HttpRequest, register_id: int) -> HttpResponse:
    return _download(request, register_id, "pdf")


@login_required
@require_GET
def book_xlsx(request: HttpRequest, register_id: int) -> HttpResponse:
    return _download(request, register_id, "xlsx")
