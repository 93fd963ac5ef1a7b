"""Django's admin, with day-first date widgets (egov/platform/web/admin_dates.py)."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class EgovAdminConfig(AdminConfig):
    # The widgets must be in place before `autodiscover` builds the model
    # admins: each copies the table of default widgets when it is created.
    def ready(self) -> None:
        from egov.platform.web.admin_dates import use_day_first_widgets

        use_day_first_widgets()
        super().ready()
