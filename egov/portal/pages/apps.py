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
