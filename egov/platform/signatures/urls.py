from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.platform.signatures import roots_views, views

app_name = "signatures"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.settings_page, name="settings"),
    path("chung-thu-goc/", roots_views.roots, name="roots"),
    path("chung-thu-goc/<int:pk>/xoa/", roots_views.remove_root, name="remove-root"),
]
