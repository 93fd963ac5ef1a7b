from django.apps import AppConfig


class EformsConfig(AppConfig):
    name = "egov.onestop.eforms"
    label = "eforms"
    verbose_name = "Biểu mẫu điện tử"
