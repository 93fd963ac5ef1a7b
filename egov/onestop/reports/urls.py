from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.onestop.reports import indicator_views, views

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("cong-khai/", views.public, name="public"),
    path("chi-so/<slug:key>/", indicator_views.indicator, name="indicator"),
    path("so-lieu-nhap/", indicator_views.entered, name="entered"),
    path("xuat/", views.export, name="export"),
    path("xuat/<int:job_id>/", views.export_status, name="export_status"),
    path("xuat/<int:job_id>/tai-ve/", views.export_file, name="export_file"),
]
