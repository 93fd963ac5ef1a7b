from __future__ import annotations

from django.urls import path

from egov.onestop.quality import views

app_name = "quality"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:quality_id>/", views.document_detail, name="document"),
    path("ban/<int:edition_id>/", views.edition_detail, name="edition"),
    path("ban/<int:edition_id>/pdf/", views.edition_pdf, name="pdf"),
    path("ban/<int:edition_id>/kiem-tra/", views.review, name="review"),
    path("ban/<int:edition_id>/phe-duyet/", views.approve, name="approve"),
    path("ban/<int:edition_id>/noi-dung-sua-doi/", views.note, name="note"),
]
