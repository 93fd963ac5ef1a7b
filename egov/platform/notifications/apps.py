from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "egov.platform.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
