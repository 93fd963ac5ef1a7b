from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "egov.onestop.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ một cửa"

    def ready(self) -> None:
        from egov.onestop.dossiers import subscribers

        subscribers.connect()
