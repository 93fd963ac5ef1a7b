"""The citizens' routes beside the portal's pages, before Wagtail's (egov/urls.py).

"tim-kiem" and "rss" are therefore not available as slugs of pages directly
under the province's portal (models.RESERVED_SLUGS refuses them).
"""

from __future__ import annotations

from django.urls import URLPattern, path

from egov.portal.pages import feeds, public_views

app_name = "portal_pages"

urlpatterns: list[URLPattern] = [
    path("tim-kiem/", public_views.search, name="search"),
    path("rss/", feeds.news_feed, name="rss"),
    path("rss/<path:site_path>/", feeds.news_feed, name="rss-site"),
]
