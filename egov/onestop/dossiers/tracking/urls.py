from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.onestop.dossiers.tracking import views

app_name = "tracking"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.lookup, name="lookup"),
    path("kiosk/", views.kiosk, name="kiosk"),
]
