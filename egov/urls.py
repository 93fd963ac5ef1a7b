from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from egov.api import api
from egov.web import views as web_views

admin.site.site_header = "Quản trị nền tảng chính quyền điện tử"
admin.site.site_title = "Quản trị egov"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("thu-tuc/", include("egov.procedures.urls")),
    path("ho-so/", include("egov.dossiers.urls")),
    path("tra-cuu/", include("egov.dossiers.tracking.urls")),
    path("in/", include("egov.dossiers.printing.urls")),
    path("tai-khoan/", include("egov.citizens.urls")),
    path("dich-vu-cong/", include("egov.portal.urls")),
    path("thanh-toan/", include("egov.payments.urls")),
    path("thong-bao/", include("egov.notifications.urls")),
    path("thong-ke/", include("egov.reports.urls")),
    path("", include("egov.web.urls")),
]

handler404 = web_views.not_found
handler500 = web_views.server_error
