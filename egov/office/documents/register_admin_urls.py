"""The unit administrator's register pages, under /quan-tri-don-vi/so-van-ban/ (issue 19)."""

from __future__ import annotations

from django.urls import URLPattern, path

from egov.office.documents.views import register_admin

app_name = "office-admin"

urlpatterns: list[URLPattern] = [
    path("", register_admin.registers, name="registers"),
    path("<int:register_id>/", register_admin.register_detail, name="register"),
    path("<int:register_id>/khoa/", register_admin.close, name="register-close"),
    path("<int:register_id>/mo-lai/", register_admin.reopen, name="register-reopen"),
]
