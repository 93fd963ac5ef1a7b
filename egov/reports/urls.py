from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.reports import views

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("cong-khai/", views.public, name="public"),
]
