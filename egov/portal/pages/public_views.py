"""The citizens' pages around the portal's page tree: its search.

Served under /cong-thong-tin/ before Wagtail's pages (egov/urls.py), for
the site the request's host maps to (Wagtail's `Site`): the province's
portal searches every unit's site beneath it, a unit's own host its subtree.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from egov.platform.core.responses import not_found
from egov.portal.pages.search import MAX_QUERY, search_everything


def site_root(request: HttpRequest) -> Page | None:
    """The root page of the site the request's host maps to (the default site otherwise)."""
    site = Site.find_for_request(request)
    return site.root_page if site is not None else None


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    root = site_root(request)
    if root is None:
        return not_found(request, None)
    raw_page = request.GET.get("trang", "1")
    page_number = int(raw_page) if raw_page.isdigit() and len(raw_page) < 6 else 1
    results = search_everything(
        root, request.GET.get("q", "")[: MAX_QUERY * 2], page_number=page_number
    )
    return render(
        request,
        "portal_pages/search.html",
        {"results": results, "root": root},
    )
