from __future__ import annotations

from django.urls import path

from egov.onestop.quality import document_views, views
from egov.onestop.quality.announcement import views as announcement
from egov.onestop.quality.audits import report as audit_report
from egov.onestop.quality.audits import views as audits
from egov.onestop.quality.records import views as records
from egov.onestop.quality.review import views as review
from egov.onestop.quality.service import views as service

app_name = "quality"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:quality_id>/", views.document_detail, name="document"),
    # Other controlled documents (item 1): policy, objectives, forms.
    path("tai-lieu/moi/", document_views.document_create, name="document_create"),
    path("<int:quality_id>/du-thao/", document_views.document_redraft, name="document_redraft"),
    path("ban/<int:edition_id>/", views.edition_detail, name="edition"),
    path("ban/<int:edition_id>/pdf/", views.edition_pdf, name="pdf"),
    path("ban/<int:edition_id>/kiem-tra/", views.review, name="review"),
    path("ban/<int:edition_id>/phe-duyet/", views.approve, name="approve"),
    path("ban/<int:edition_id>/noi-dung-sua-doi/", views.note, name="note"),
    # The records register (item 2).
    path("<int:quality_id>/ho-so-luu/", records.register_open, name="records_open"),
    path("ho-so-luu/<int:records_id>/", records.register_detail, name="records"),
    path("ho-so-luu/<int:records_id>/them/", records.record_add, name="record_add"),
    path(
        "ho-so-luu/<int:records_id>/chuyen-nam/",
        records.roll_over,
        name="records_roll_over",
    ),
    # The management review pack (item 4).
    path("xem-xet/<int:unit_id>/<int:year>/", review.pack_page, name="review_pack"),
    path("xem-xet/<int:unit_id>/<int:year>/pdf/", review.pack_pdf, name="review_pack_pdf"),
    # The yearly announcement of conformity (item 4).
    path("cong-bo/<int:unit_id>/<int:year>/", announcement.announcement_page, name="announcement"),
    path(
        "cong-bo/<int:unit_id>/<int:year>/pdf/",
        announcement.announcement_pdf,
        name="announcement_pdf",
    ),
    # The service report of the rented platform (item 6).
    path("bao-cao-dich-vu/", service.report_page, name="service_report"),
    path("bao-cao-dich-vu/pdf/", service.report_pdf, name="service_report_pdf"),
    # Internal audits and corrective actions (item 3).
    path("danh-gia/", audits.programme_list, name="programmes"),
    path("danh-gia/lap/", audits.programme_create, name="programme_create"),
    path("danh-gia/chuong-trinh/<int:programme_id>/", audits.programme_detail, name="programme"),
    path(
        "danh-gia/chuong-trinh/<int:programme_id>/ke-hoach/", audits.audit_plan, name="audit_plan"
    ),
    path("danh-gia/<int:audit_id>/", audits.audit_detail, name="audit"),
    path("danh-gia/<int:audit_id>/pdf/", audit_report.audit_pdf, name="audit_pdf"),
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
