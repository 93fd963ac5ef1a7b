from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.onestop.procedures import process_views, views

app_name = "procedures"

# The kiosk routes come first: "kiosk" would otherwise be read as a code.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.procedure_list, name="list"),
    path("kiosk/", views.kiosk_list, name="kiosk"),
    path("kiosk/<str:code>/", views.kiosk_detail, name="kiosk-detail"),
    path("quy-trinh/<int:process_id>/", process_views.process_detail, name="process"),
    path("<str:code>/", views.procedure_detail, name="detail"),
]
