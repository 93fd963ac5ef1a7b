from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.office.exchange import views

app_name = "exchange"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.queue_page, name="queue"),
    path("<int:pk>/", views.received_page, name="received"),
    path("<int:pk>/vao-so/", views.register, name="register"),
    path("<int:pk>/tu-choi/", views.refuse, name="refuse"),
    path("<int:pk>/thu-hoi/", views.answer_recall, name="recall"),
    path("danh-ba/", views.directory_page, name="directory"),
]
