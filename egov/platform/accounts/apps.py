from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "egov.platform.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
