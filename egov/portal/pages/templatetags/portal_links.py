"""Links of a portal page to the portal's own routes (its news feed)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Page

from egov.portal.pages.public_views import site_root

register = template.Library()


@register.simple_tag
def news_feed_url(page: Page, request: HttpRequest) -> str:
    """The RSS of the site `page` is the home of, relative to the request's site."""
    root = site_root(request)
    if root is None or not page.url_path.startswith(root.url_path):
        return ""
    relative = page.url_path[len(root.url_path) :].strip("/")
    if not relative:
        return reverse("portal_pages:rss")
    return reverse("portal_pages:rss-site", args=[relative])
