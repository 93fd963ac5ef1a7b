"""django-axes under a Vietnamese name in the admin (its own AppConfig has none)."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):  # type: ignore[misc] # axes is untyped
    # The label stays "axes": its tables and migrations are unchanged.
    verbose_name = _("Chống dò mật khẩu")
