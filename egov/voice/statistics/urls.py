from __future__ import annotations

from django.urls import path

from egov.voice.statistics import views

app_name = "voice_statistics"

urlpatterns = [
    path("thong-ke-tiep-dan/", views.statistics_page, name="statistics"),
    path("thong-ke-tiep-dan/xlsx/", views.statistics_xlsx, name="statistics-xlsx"),
    path("thong-ke-tiep-dan/pdf/", views.statistics_pdf, name="statistics-pdf"),
]
