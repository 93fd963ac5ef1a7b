from __future__ import annotations

from django.urls import path

from egov.platform.web import administration, health, twofactor, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health.health, name="health"),
    path("trang-cua-toi/", views.my_page, name="mine"),
    path("dang-nhap/", views.EgovLoginView.as_view(), name="login"),
    path("dang-xuat/", views.EgovLogoutView.as_view(), name="logout"),
    path("don-vi/<int:unit_id>/", views.unit_home, name="unit"),
    path("don-vi/<int:unit_id>/nhat-ky/", views.unit_trail, name="unit-trail"),
    path("lich/han-giai-quyet/", views.due_calculator, name="due"),
    path("xac-thuc-hai-lop/", twofactor.setup, name="2fa"),
    path("xac-thuc-hai-lop/nhap-ma/", twofactor.code_login, name="2fa-login"),
    path("xac-thuc-hai-lop/tat/", twofactor.reset, name="2fa-reset"),
    # Delegated administration of a unit's subtree (issue 19).
    path("quan-tri-don-vi/", administration.overview, name="administration"),
    path("quan-tri-don-vi/tai-khoan/moi/", administration.new_account, name="administration-new"),
    path(
        "quan-tri-don-vi/tai-khoan/<int:account_id>/",
        administration.account_detail,
        name="administration-account",
    ),
    path(
        "quan-tri-don-vi/tai-khoan/<int:account_id>/giao-vai-tro/",
        administration.grant,
        name="administration-grant",
    ),
    path(
        "quan-tri-don-vi/tai-khoan/<int:account_id>/khoa/",
        administration.deactivate,
        name="administration-deactivate",
    ),
    path(
        "quan-tri-don-vi/tai-khoan/<int:account_id>/mo-khoa/",
        administration.reactivate,
        name="administration-reactivate",
    ),
    path(
        "quan-tri-don-vi/vai-tro/<int:membership_id>/thu-hoi/",
        administration.revoke,
        name="administration-revoke",
    ),
]
