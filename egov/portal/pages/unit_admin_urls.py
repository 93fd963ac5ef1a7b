"""The unit administrator's portal pages, under /quan-tri-don-vi/cong-thong-tin/ (issue 19)."""

from __future__ import annotations

from django.urls import URLPattern, path

from egov.portal.pages import unit_admin

app_name = "portal-admin"

urlpatterns: list[URLPattern] = [
    path("", unit_admin.site_editors, name="site-editors"),
    path("chi-dinh/<int:naming_id>/bo/", unit_admin.remove, name="remove-editor"),
]
