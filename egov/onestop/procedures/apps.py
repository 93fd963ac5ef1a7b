from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "egov.onestop.procedures"
    label = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self) -> None:
        # The portal's search shows the catalogue (it may not import it).
        from egov.onestop.procedures import public_search as catalogue_search
        from egov.platform.core import public_search

        public_search.register(catalogue_search.SECTION)
