from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from egov.platform.citizens import views, views_oidc

app_name = "citizens"

urlpatterns: list[URLPattern | URLResolver] = [
    path("dang-ky/", views.register, name="register"),
    path("xac-nhan-email/<str:token>/", views.confirm_email, name="confirm-email"),
    path("xac-nhan-sdt/", views.confirm_phone, name="confirm-phone"),
    path("gui-lai-xac-nhan/", views.resend_confirmation, name="resend"),
    path("dang-nhap/", views.CitizenLoginView.as_view(), name="login"),
    path("quen-mat-khau/", views.ResetView.as_view(), name="reset"),
    path("quen-mat-khau/da-gui/", views.ResetSentView.as_view(), name="reset-sent"),
    path("quen-mat-khau/sdt/", views.reset_by_phone, name="reset-phone"),
    path("quen-mat-khau/sdt/nhap-ma/", views.reset_by_phone_code, name="reset-phone-code"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="reset-confirm",
    ),
    path("dat-lai-mat-khau/xong/", views.ResetCompleteView.as_view(), name="reset-complete"),
    path("ho-so/", views.profile, name="profile"),
    path("ho-so/lien-lac/", views.change_contact, name="change-contact"),
    path("vneid/", views_oidc.start, name="vneid"),
    path("vneid/callback/", views_oidc.callback, name="vneid-callback"),
]
