"""Client applications allowed to file feedback through Open311, each with its API key.

GeoReport v2 asks for an `api_key` on every POST. The key is shown once
when it is issued; only its SHA-256 is stored (a random 32-byte key needs
no slow hash), with its first characters to tell keys apart in the admin.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiClient(models.Model):
    name = models.CharField(_("tên ứng dụng"), max_length=200)
    # The body the client's feedback is addressed to (a city app: its city).
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    key_prefix = models.CharField(_("đầu khóa"), max_length=8)
    key_hash = models.CharField(_("băm của khóa"), max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ứng dụng Open311")
        verbose_name_plural = _("ứng dụng Open311")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"
