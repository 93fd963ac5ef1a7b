from __future__ import annotations

from django.urls import path

from egov.voice.reception import views

app_name = "reception"

urlpatterns = [
    path("tiep-cong-dan/", views.register, name="register"),
    path("tiep-cong-dan/lich/", views.schedule, name="schedule"),
    path("tiep-cong-dan/lich/them/", views.schedule_add, name="schedule_add"),
]
