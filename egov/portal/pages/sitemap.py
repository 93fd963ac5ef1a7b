"""The sitemap at /sitemap.xml (issue 18, "for citizens").

The portal's live, public pages of the site the request's host maps to, and
the platform's public entry points a citizen reaches from the portal: the
procedure catalogue, the tracking, the dialogue, the statistics and the
search (named by their URLs, so the portal imports none of those domains).

Every location is on the host that was asked (Django's sitemap adds it):
not Wagtail's own sitemap, whose locations carry the `Site` record's
hostname and port, which the demo's and a test's host are not. A unit site
with a hostname of its own lists its pages in its own host's sitemap.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.models import Page

from egov.portal.pages.public_views import site_root

PUBLIC_URL_NAMES = [
    "web:home",
    "portal_pages:search",
    "procedures:list",
    "tracking:lookup",
    "voice:dialogue",
    "reports:public",
]


class PortalPagesSitemap(Sitemap[tuple[str, Page]]):
    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def items(self) -> list[tuple[str, Page]]:
        root = site_root(self.request)
        if root is None:
            return []
        pages = root.get_descendants(inclusive=True).live().public().order_by("path")
        located = ((page.get_url(self.request) or "", page) for page in pages)
        # Absolute URLs are pages of another host's site.
        return [(url, page) for url, page in located if url.startswith("/")]

    def location(self, item: tuple[str, Page]) -> str:
        return item[0]

    def lastmod(self, item: tuple[str, Page]) -> datetime.datetime | None:
        published: datetime.datetime | None = item[1].last_published_at
        return published


class PublicPagesSitemap(Sitemap[str]):
    def items(self) -> list[str]:
        return PUBLIC_URL_NAMES

    def location(self, item: str) -> str:
        return reverse(item)


def sitemap(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    response: HttpResponse = sitemap_views.sitemap(
        request,
        sitemaps={"trang": PortalPagesSitemap(request), "dich-vu": PublicPagesSitemap()},
        template_name="portal_pages/sitemap.xml",
        content_type="application/xml",
    )
    return response
