from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "egov.synthetic"
    label = "synthetic"
    verbose_name = "Dữ liệu tổng hợp"
