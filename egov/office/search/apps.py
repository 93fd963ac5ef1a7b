from django.apps import AppConfig


class OfficeSearchConfig(AppConfig):
    name = "egov.office.search"
    label = "office_search"
    verbose_name = "Tìm kiếm văn bản"

    def ready(self) -> None:
        from egov.office.search import subscribers

        subscribers.connect()
