from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "egov.onestop.reports"
    label = "reports"
    verbose_name = "Báo cáo, thống kê"

    def ready(self) -> None:
        from egov.onestop.reports.rollups import maintain

        maintain.connect()
