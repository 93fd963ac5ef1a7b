from __future__ import annotations

from django.urls import path

from egov.voice.feedback.views import dialogue, public, staff

app_name = "voice"

urlpatterns = [
    # The citizen's side.
    path("y-kien/gui/", public.send, name="send"),
    path("y-kien/theo-doi/<str:code>/", public.follow, name="follow"),
    path(
        "y-kien/theo-doi/<str:code>/danh-gia/<str:token>/",
        public.rate_anonymous,
        name="rate_anonymous",
    ),
    path("y-kien/cua-toi/", public.mine, name="mine"),
    path("y-kien/<int:pk>/danh-gia/", public.rate, name="rate"),
    # The dialogue page.
    path("hoi-dap/", dialogue.index, name="dialogue"),
    path("hoi-dap/<int:pk>/", dialogue.question, name="question"),
    # Staff.
    path("y-kien/xu-ly/", staff.inbox, name="inbox"),
    path("y-kien/tiep-nhan/", staff.desk, name="desk"),
    path("y-kien/<int:pk>/", staff.detail, name="detail"),
    path("y-kien/<int:pk>/tep/<int:item>/", staff.attachment, name="attachment"),
    path("y-kien/<int:pk>/phan-loai/", staff.classify, name="classify"),
    path("y-kien/<int:pk>/chuyen/", staff.transfer, name="transfer"),
    path("y-kien/<int:pk>/tra-loi/", staff.answer, name="answer"),
    path("y-kien/<int:pk>/duyet/", staff.approve, name="approve"),
    path("y-kien/<int:pk>/cong-khai/", staff.publish, name="publish"),
    path("y-kien/<int:pk>/thuong-gap/", staff.promote, name="promote"),
    path("y-kien/<int:pk>/trung-noi-dung/", staff.link, name="link"),
]
