from django.apps import AppConfig


class OfficeExchangeConfig(AppConfig):
    name = "egov.office.exchange"
    label = "office_exchange"
    verbose_name = "Liên thông văn bản"

    def ready(self) -> None:
        from egov.office.exchange import subscribers  # noqa: PLC0415 - apps are loaded now

        subscribers.connect()
