"""The unit administrator's process pages, under /quan-tri-don-vi/quy-trinh/ (issue 19)."""

from __future__ import annotations

from django.urls import URLPattern, path

from egov.onestop.procedures import unit_admin

app_name = "procedures-admin"

urlpatterns: list[URLPattern] = [
    path("", unit_admin.process_list, name="list"),
    path("moi/", unit_admin.new_process, name="new"),
    path("<int:process_id>/", unit_admin.edit_process, name="edit"),
]
