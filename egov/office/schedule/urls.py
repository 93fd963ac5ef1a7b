from django.urls import path

from . import views

app_name = "schedule"

urlpatterns = [
    path("lich-cong-tac/", views.manage, name="manage"),
    path("lich-cong-tac/them/", views.add, name="add"),
    path("lich-cong-tac/muc/<int:entry_id>/sua/", views.edit, name="edit"),
    path("lich-cong-tac/muc/<int:entry_id>/huy/", views.cancel, name="cancel"),
    path("lich-cong-tac/cong-bo/", views.publish, name="publish"),
    path("don-vi/<int:unit_id>/lich-cong-tac/", views.public, name="public"),
    path("don-vi/<int:unit_id>/lich-cong-tac/pdf/", views.pdf, name="pdf"),
]
