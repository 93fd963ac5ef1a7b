from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "egov.onestop.portal"
    label = "portal"
    verbose_name = "Dịch vụ công trực tuyến"

    def ready(self) -> None:
        from egov.onestop.portal import subscribers

        subscribers.connect()
