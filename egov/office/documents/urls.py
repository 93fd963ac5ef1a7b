from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.office.documents.views import handling, outgoing, registering

app_name = "office"

urlpatterns: list[URLPattern | URLResolver] = [
    path("den/", registering.incoming_list, name="incoming-list"),
    path("den/vao-so/", registering.register_page, name="incoming-register"),
    path("den/cho-phan-cong/", handling.to_assign_page, name="to-assign"),
    path("den/xu-ly/", handling.inbox_page, name="inbox"),
    path("den/<int:pk>/", handling.detail_page, name="incoming-detail"),
    path("den/<int:pk>/tep/", handling.document_file, name="incoming-file"),
    path("den/<int:pk>/tep/<int:item>/", handling.document_file, name="incoming-attachment"),
    path("den/<int:pk>/phan-cong/", handling.assign, name="incoming-assign"),
    path("den/<int:pk>/chuyen/", handling.forward, name="incoming-forward"),
    path("den/<int:pk>/<slug:action>/", handling.act, name="incoming-act"),
    # Outgoing documents (views/outgoing.py).
    path("di/", outgoing.drafts_page, name="outgoing-drafts"),
    path("di/cho-duyet/", outgoing.to_review_page, name="outgoing-to-review"),
    path("di/cho-phat-hanh/", outgoing.to_issue_page, name="outgoing-to-issue"),
    path("di/da-phat-hanh/", outgoing.issued_page, name="outgoing-issued"),
    path("di/soan-thao/", outgoing.new_page, name="outgoing-new"),
    path("di/<int:pk>/", outgoing.detail_page, name="outgoing-detail"),
    path("di/<int:pk>/tep/<int:item>/", outgoing.version_file, name="outgoing-file"),
    path(
        "di/<int:pk>/tep/<int:item>/phu-luc/<int:position>/",
        outgoing.attachment_file,
        name="outgoing-attachment",
    ),
    path("di/<int:pk>/phien-ban/", outgoing.new_version, name="outgoing-version"),
    path("di/<int:pk>/gui/", outgoing.send, name="outgoing-send"),
    path("di/<int:pk>/phat-hanh/", outgoing.issue, name="outgoing-issue"),
    path("di/<int:pk>/cong-khai/", outgoing.make_public, name="outgoing-public"),
    path("di/<int:pk>/ky-so/", outgoing.sign_check, name="outgoing-sign"),
    path("di/<int:pk>/xem-xet/<slug:action>/", outgoing.review, name="outgoing-review"),
]
