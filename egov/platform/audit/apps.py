from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "egov.platform.audit"
    label = "audit"
    verbose_name = "Nhật ký hệ thống"
