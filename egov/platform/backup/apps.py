from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "egov.platform.backup"
    label = "backup"
    verbose_name = "Sao lưu và khôi phục"
