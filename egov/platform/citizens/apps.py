from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "egov.platform.citizens"
    label = "citizens"
    verbose_name = "Công dân, doanh nghiệp"
