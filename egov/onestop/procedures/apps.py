from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "egov.onestop.procedures"
    label = "procedures"
    verbose_name = "Thủ tục hành chính"
