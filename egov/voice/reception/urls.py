from __future__ import annotations

from django.urls import path

from egov.voice.reception import views

app_name = "reception"

urlpatterns = [
    path("tiep-cong-dan/", views.register, name="register"),
    path("tiep-cong-dan/<int:reception>/", views.detail, name="detail"),
    path("tiep-cong-dan/lich/", views.schedule, name="schedule"),
    path("tiep-cong-dan/lich/them/", views.schedule_add, name="schedule_add"),
    path("tiep-cong-dan/lich/don-vi/<int:unit_id>/", views.calendar_page, name="calendar"),
    path("tiep-cong-dan/kiem-tra-dinh-ky/", views.check, name="check"),
    path("tiep-cong-dan/so.pdf", views.register_pdf, name="register_pdf"),
]
