from __future__ import annotations

from django.urls import path

from egov.onestop.quality import views
from egov.onestop.quality.audits import views as audits

app_name = "quality"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:quality_id>/", views.document_detail, name="document"),
    path("ban/<int:edition_id>/", views.edition_detail, name="edition"),
    path("ban/<int:edition_id>/pdf/", views.edition_pdf, name="pdf"),
    path("ban/<int:edition_id>/kiem-tra/", views.review, name="review"),
    path("ban/<int:edition_id>/phe-duyet/", views.approve, name="approve"),
    path("ban/<int:edition_id>/noi-dung-sua-doi/", views.note, name="note"),
    # Internal audits and corrective actions (item 3).
    path("danh-gia/", audits.programme_list, name="programmes"),
    path("danh-gia/lap/", audits.programme_create, name="programme_create"),
    path("danh-gia/chuong-trinh/<int:programme_id>/", audits.programme_detail, name="programme"),
    path(
        "danh-gia/chuong-trinh/<int:programme_id>/ke-hoach/", audits.audit_plan, name="audit_plan"
    ),
    path("danh-gia/<int:audit_id>/", audits.audit_detail, name="audit"),
    path("danh-gia/<int:audit_id>/cau-hoi/", audits.checklist_add, name="checklist_add"),
    path(
        "danh-gia/<int:audit_id>/cau-hoi/<int:position>/",
        audits.checklist_answer,
        name="checklist_answer",
    ),
    path("danh-gia/<int:audit_id>/phat-hien/", audits.finding_add, name="finding_add"),
    path("danh-gia/<int:audit_id>/ket-thuc/", audits.audit_complete, name="audit_complete"),
    path("khac-phuc/", audits.nonconformity_list, name="nonconformities"),
    path("khac-phuc/<int:nc_id>/", audits.nonconformity_detail, name="nonconformity"),
    path("khac-phuc/<int:nc_id>/giao/", audits.action_plan, name="action_plan"),
    path("khac-phuc/<int:nc_id>/hoan-thanh/", audits.action_done, name="action_done"),
    path("khac-phuc/<int:nc_id>/kiem-tra/", audits.action_check, name="action_check"),
]
