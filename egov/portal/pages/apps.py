from django.apps import AppConfig


class PortalPagesConfig(AppConfig):
    name = "egov.portal.pages"
    label = "portal_pages"
    verbose_name = "Cổng thông tin điện tử"

    def ready(self) -> None:
        # Wagtail's documents and images and taggit's tags register in
        # Django's admin too; the portal's editors manage them in Wagtail's
        # (/quan-tri-cong/), so the platform's admin does not show them
        # (it runs its autodiscovery first: INSTALLED_APPS puts it first).
        from django.contrib import admin
        from taggit.models import Tag
        from wagtail.documents.models import Document
        from wagtail.images.models import Image

        for model in (Document, Image, Tag):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
        _name_wagtail_models()
        # The public documents, found by the document office, shown on the
        # portal's documents pages (document_search.py).
        from egov.platform.core import public_search
        from egov.portal.pages import document_search

        public_search.register(document_search.SECTION)
        # A role granted or revoked reaches the unit site's editor groups at once.
        from egov.portal.pages import subscribers

        subscribers.connect()


# Wagtail models that give themselves no name (Django then shows the class
# name, "model log entry", untranslatable), as the platform's admin lists
# them among content types and permissions.
_WAGTAIL_NAMES = {
    "wagtailcore.ModelLogEntry": ("nhật ký thay đổi nội dung", "nhật ký thay đổi nội dung"),
    "wagtailcore.PageLogEntry": ("nhật ký thay đổi trang", "nhật ký thay đổi trang"),
    "wagtailsearch.IndexEntry": ("mục chỉ mục tìm kiếm", "mục chỉ mục tìm kiếm"),
    "wagtailsearch.SQLiteFTSIndexEntry": (
        "mục chỉ mục tìm kiếm toàn văn",
        "mục chỉ mục tìm kiếm toàn văn",
    ),
}


def _name_wagtail_models() -> None:
    from django.apps import apps

    for label, (singular, plural) in _WAGTAIL_NAMES.items():
        try:
            model = apps.get_model(label)
        except LookupError:  # SQLite's full-text index exists on SQLite only
            continue
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
