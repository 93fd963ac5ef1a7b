from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "egov.tools.synthetic"
    label = "synthetic"
    verbose_name = "Dữ liệu tổng hợp"
