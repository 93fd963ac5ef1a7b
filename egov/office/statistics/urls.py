from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.office.statistics import views

app_name = "office_statistics"

urlpatterns: list[URLPattern | URLResolver] = [
    path("thong-ke/", views.statistics_page, name="statistics"),
    path("thong-ke/pdf/", views.statistics_pdf, name="statistics-pdf"),
    path("thong-ke/xlsx/", views.statistics_xlsx, name="statistics-xlsx"),
]
