from __future__ import annotations

from django.urls import path

from egov.voice.complaints.views import citizen, staff

app_name = "complaints"

urlpatterns = [
    path("don-thu/gui/", citizen.send, name="send"),
    path("don-thu/cua-toi/", citizen.mine, name="mine"),
    path("don-thu/", staff.register, name="register"),
    path("don-thu/vao-so/", staff.record, name="record"),
    path("don-thu/xuat.csv", staff.export, name="export"),
    path("don-thu/<int:pk>/", staff.detail, name="detail"),
    path("don-thu/<int:pk>/tep/<int:item>/", staff.attachment, name="attachment"),
    path("don-thu/<int:pk>/thong-bao/<slug:notice>.pdf", staff.notice, name="notice"),
    path("don-thu/<int:pk>/phan-loai/", staff.classify, name="classify"),
    path("don-thu/<int:pk>/chuyen/", staff.forward, name="forward"),
    path("don-thu/<int:pk>/luu/", staff.file, name="file"),
    path("don-thu/<int:pk>/thu-ly/", staff.accept, name="accept"),
    path("don-thu/<int:pk>/phan-cong/", staff.assign, name="assign"),
    path("don-thu/<int:pk>/xac-minh/", staff.finding, name="finding"),
    path("don-thu/<int:pk>/gia-han/", staff.extend, name="extend"),
    path("don-thu/<int:pk>/kiem-tra-them/", staff.extend_check, name="extend_check"),
    path("don-thu/<int:pk>/ket-luan/", staff.decide, name="decide"),
    path("don-thu/<int:pk>/dong/", staff.close, name="close"),
]
