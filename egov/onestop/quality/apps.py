from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "egov.onestop.quality"
    label = "quality"
    verbose_name = "Hệ thống quản lý chất lượng (ISO 9001)"

    def ready(self) -> None:
        from egov.onestop.quality import subscribers

        subscribers.connect()
