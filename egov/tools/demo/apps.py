from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "egov.tools.demo"
    label = "demo"
    verbose_name = "Dữ liệu trình diễn"
