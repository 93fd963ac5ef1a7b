from django.apps import AppConfig


class OfficeExchangeConfig(AppConfig):
    name = "egov.office.exchange"
    label = "office_exchange"
    verbose_name = "Liên thông văn bản"
