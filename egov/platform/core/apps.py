from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "egov.platform.core"
    label = "core"
    verbose_name = "Nền tảng"
