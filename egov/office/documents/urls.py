from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.office.documents.views import handling, registering

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
]
