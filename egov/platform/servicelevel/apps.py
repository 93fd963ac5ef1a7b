from __future__ import annotations

import atexit

from django.apps import AppConfig


class ServiceLevelConfig(AppConfig):
    name = "egov.platform.servicelevel"
    label = "servicelevel"
    verbose_name = "Chất lượng dịch vụ nền tảng"

    def ready(self) -> None:
        from django.conf import settings

        from egov.platform.servicelevel import recorder

        # A web process that stops cleanly writes what it still holds (not
        # the test runner's: its databases are gone by then).
        if settings.SERVICE_METRICS_FLUSH_AT_EXIT:
            atexit.register(recorder.flush_quietly)
