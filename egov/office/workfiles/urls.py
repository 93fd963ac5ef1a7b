from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "workfiles"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("danh-muc/<int:unit_id>/<int:year>/", views.list_page, name="list"),
    path("danh-muc/<int:unit_id>/<int:year>/them/", views.list_add, name="list-add"),
    path("danh-muc/<int:unit_id>/<int:year>/duyet/", views.list_approve, name="list-approve"),
    path("<int:file_id>/", views.detail, name="detail"),
    path("<int:file_id>/tim-van-ban/", views.candidates, name="candidates"),
    path("<int:file_id>/mo/", views.open_file, name="open"),
    path("<int:file_id>/van-ban/", views.add_document, name="add-document"),
    path("<int:file_id>/ghi-chu/", views.add_note, name="add-note"),
    path("<int:file_id>/muc/<int:item_id>/danh-dau/", views.mark_item, name="mark"),
    path("<int:file_id>/muc/<int:item_id>/bo/", views.remove_item, name="remove"),
    path("<int:file_id>/muc/<int:item_id>/tep/", views.item_file, name="item-file"),
    path("<int:file_id>/ket-thuc/", views.close_file, name="close"),
    path("<int:file_id>/nop-luu/", views.request_deposit, name="deposit"),
    path("<int:file_id>/nop-luu/nhan/", views.receive_deposit, name="receive"),
    path("<int:file_id>/xuat/pdf/", views.export_pdf, name="pdf"),
    path("<int:file_id>/xuat/xml/", views.export_xml, name="xml"),
]
