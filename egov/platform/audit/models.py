from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventImmutable(RuntimeError):
    """Audit events are append-only: the application never edits or deletes them."""


class AuditEvent(models.Model):
    """One change made through a service function, written in its transaction."""

    event_type = models.CharField(_("loại sự kiện"), max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Trống khi hệ thống tự thực hiện (lệnh quản trị, tác vụ nền)."),
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("loại đối tượng"), on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(_("mã đối tượng"), max_length=64)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    # The hash chain (egov/platform/audit/chain.py): the previous entry's hash
    # and this entry's, over its content and prev_hash.
    prev_hash = models.CharField(_("mã băm trước"), max_length=64, editable=False)
    hash = models.CharField(_("mã băm"), max_length=64, editable=False, unique=True)

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} {self.target_type_id}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditEventImmutable("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditEventImmutable("audit events cannot be deleted")

    @property
    def label(self) -> str:
        from egov.platform.audit.labels import event_label

        return event_label(self.event_type)


class AuditChainHead(models.Model):
    """The one row that holds the end of the hash chain.

    Appending locks it (SELECT ... FOR UPDATE), so concurrent writers chain
    one after another; it also shows when the newest entries were removed.
    """

    last_hash = models.CharField(_("mã băm cuối"), max_length=64)
    entries = models.PositiveBigIntegerField(_("số sự kiện"), default=0)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")
        verbose_name_plural = _("đầu chuỗi nhật ký")

    def __str__(self) -> str:
        return f"{self.entries}: {self.last_hash}"
