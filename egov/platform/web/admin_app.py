"""Django's admin: the platform operators' only, with day-first date widgets.

Issue 19, item 5: the province's IT centre and the units' administrators
manage accounts, roles, processes, site editors and registers through their
own pages (/quan-tri-don-vi/), which keep each administrator inside their
subtree. Django's model permissions know nothing of the unit tree, so the
admin is closed to every account but a superuser, whatever `is_staff` or
model permissions it was given.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class EgovAdminSite(AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)


class EgovAdminConfig(AdminConfig):
    default_site = "egov.platform.web.admin_app.EgovAdminSite"

    # The widgets must be in place before `autodiscover` builds the model
    # admins: each copies the table of default widgets when it is created.
    def ready(self) -> None:
        from egov.platform.web.admin_dates import use_day_first_widgets

        use_day_first_widgets()
        super().ready()
