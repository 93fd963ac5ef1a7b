"""`/` on a unit's own hostname opens that unit's site (issue 18 item 2).

Production gives a unit's site a hostname of its own
(`services.create_unit_site(hostname=...)`, a Wagtail `Site` whose root is
the unit's home). Like every portal page, that host serves the unit's
subtree under /cong-thong-tin/; its bare address would otherwise show the
platform's front page, which belongs to the province's host (the default
site). Only `/` is looked at, so no other request pays for it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.models import Site

PORTAL_ROOT = "/cong-thong-tin/"


class UnitHostMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/" and request.method in ("GET", "HEAD"):
            site = Site.find_for_request(request)
            if site is not None and not site.is_default_site:
                return HttpResponseRedirect(PORTAL_ROOT)
        return self.get_response(request)
