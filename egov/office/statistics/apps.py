from django.apps import AppConfig


class OfficeStatisticsConfig(AppConfig):
    name = "egov.office.statistics"
    label = "office_statistics"
    verbose_name = "Thống kê văn bản"
