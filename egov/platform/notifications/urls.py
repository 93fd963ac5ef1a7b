from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.platform.notifications import views

app_name = "notifications"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/da-doc/", views.mark_read_view, name="mark_read"),
    path("da-doc-tat-ca/", views.mark_all_read_view, name="mark_all_read"),
]
