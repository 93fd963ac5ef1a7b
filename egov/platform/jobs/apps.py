from __future__ import annotations

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "egov.platform.jobs"
    label = "jobs"
    verbose_name = "Tác vụ nền"

    def ready(self) -> None:
        # Every app's tasks.py registers its tasks (and periodic schedules),
        # so the worker and `enqueue` know them in any process.
        autodiscover_modules("tasks")
