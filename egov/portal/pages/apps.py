from django.apps import AppConfig


class PortalPagesConfig(AppConfig):
    name = "egov.portal.pages"
    label = "portal_pages"
    verbose_name = "Cổng thông tin điện tử"
