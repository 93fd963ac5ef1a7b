from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.platform.signatures import views

app_name = "signatures"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.settings_page, name="settings"),
]
