from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "egov.platform.web"
    label = "web"
    verbose_name = "Giao diện web"
