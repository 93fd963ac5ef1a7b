from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from egov.api import api
from egov.platform.core.responses import not_found
from egov.platform.web import views as web_views
from egov.portal.pages import images as portal_images
from egov.portal.pages import sitemap as portal_sitemap

admin.site.site_header = "Quản trị nền tảng chính quyền điện tử"
admin.site.site_title = "Quản trị egov"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("thu-tuc/", include("egov.onestop.procedures.urls")),
    path("ho-so/", include("egov.onestop.dossiers.urls")),
    path("tra-cuu/", include("egov.onestop.dossiers.tracking.urls")),
    path("in/", include("egov.onestop.dossiers.printing.urls")),
    path("tai-khoan/", include("egov.platform.citizens.urls")),
    path("dich-vu-cong/", include("egov.onestop.portal.urls")),
    path("thanh-toan/", include("egov.onestop.payments.urls")),
    path("thong-bao/", include("egov.platform.notifications.urls")),
    path("chu-ky-so/", include("egov.platform.signatures.urls")),
    path("xac-thuc-van-ban/", include("egov.platform.signatures.verify_urls")),
    path("thong-ke/", include("egov.onestop.reports.urls")),
    path("chat-luong/", include("egov.onestop.quality.urls")),
    path("", include("egov.office.schedule.urls")),
    path("van-ban/lien-thong/", include("egov.office.exchange.urls")),
    path("van-ban/", include("egov.office.documents.urls")),
    path("van-ban/", include("egov.office.search.urls")),
    path("van-ban/", include("egov.office.statistics.urls")),
    path("ho-so-cong-viec/", include("egov.office.workfiles.urls")),
    path("", include("egov.voice.feedback.urls")),
    path("open311/v2/", include("egov.voice.open311.urls")),
    path("", include("egov.voice.complaints.urls")),
    path("", include("egov.voice.reception.urls")),
    path("", include("egov.voice.statistics.urls")),
    # A unit's internal processes, beside its accounts (issue 19, item 5).
    path("quan-tri-don-vi/quy-trinh/", include("egov.onestop.procedures.unit_admin_urls")),
    path("quan-tri-don-vi/cong-thong-tin/", include("egov.portal.pages.unit_admin_urls")),
    path("quan-tri-don-vi/so-van-ban/", include("egov.office.documents.register_admin_urls")),
    path("", include("egov.platform.web.urls")),
    # The public portal (egov/portal, docs/portal.md): its editors' admin,
    # its files and its pages under their own prefixes, after everything
    # else, so every URL of the platform above keeps its meaning (the
    # platform's home page keeps "/").
    path("sitemap.xml", portal_sitemap.sitemap, name="sitemap"),
    path("cong-thong-tin/", include("egov.portal.pages.urls")),
    path("quan-tri-cong/", include(wagtailadmin_urls)),
    path("tep-cong/", include(wagtaildocs_urls)),
    # Images through Wagtail's signed serve view, public once a live page
    # uses them (egov/portal/pages/images.py).
    # The file name after the filter is for the reader, not looked at;
    # Wagtail's `image_url` reverses the first and appends it.
    path(
        "anh-cong/<str:signature>/<int:image_id>/<str:filter_spec>/",
        portal_images.serve_image,
        name="portal_image",
    ),
    path(
        "anh-cong/<str:signature>/<int:image_id>/<str:filter_spec>/<str:filename>",
        portal_images.serve_image,
        name="portal_image",
    ),
    path("cong-thong-tin/", include(wagtail_urls)),
]

if settings.DEBUG and getattr(settings, "EGOV_DEMO_SIGNATURES", False):
    # `make demo`: this site plays the CA and the remote signing service, as
    # it plays the bank (egov/platform/signatures/testing/demo.py).
    urlpatterns.insert(
        0, path("chu-ky-so/sandbox/", include("egov.platform.signatures.testing.demo_urls"))
    )

handler404 = not_found
handler500 = web_views.server_error
