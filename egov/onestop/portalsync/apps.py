from django.apps import AppConfig


class PortalsyncConfig(AppConfig):
    name = "egov.onestop.portalsync"
    label = "portalsync"
    verbose_name = "Đồng bộ Cổng Dịch vụ công quốc gia"

    def ready(self) -> None:
        from egov.onestop.portalsync import subscribers

        subscribers.connect()
