from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    name = "egov.platform.signatures"
    label = "signatures"
    verbose_name = "Chữ ký số"
