"""The hub's table: one row per message it took, until the addressee acknowledges it."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HubMessage(models.Model):
    consignment_id = models.UUIDField(_("mã gói tin"), unique=True)
    from_organ = models.CharField(_("cơ quan gửi"), max_length=32)
    to_organ = models.CharField(_("cơ quan nhận"), max_length=32)
    kind = models.CharField(_("loại"), max_length=10)
    body = models.BinaryField(_("thông điệp"))
    size = models.PositiveBigIntegerField(_("dung lượng"))
    submitted_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("đã giao lúc"), null=True, blank=True)
    # What the addressee answered when it acknowledged: empty, or a fault code.
    answer = models.CharField(_("trả lời"), max_length=40, blank=True)

    class Meta:
        app_label = "office_exchange"
        verbose_name = _("thông điệp qua trục")
        verbose_name_plural = _("thông điệp qua trục")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["to_organ", "acknowledged_at"], name="office_exchange_hub_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.consignment_id} → {self.to_organ}"
