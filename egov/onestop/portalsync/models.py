"""The outbox of dossier changes for the national portal (Cổng DVCQG).

One row per audited dossier change, written in the transaction that makes the
change; the worker sends the rows in order per dossier (see sender.py), through
the platform's outbox (egov/platform/outbox): lease, retries, give-up.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    """The platform outbox's states (egov/platform/outbox), with "failed" kept apart."""

    # Waiting for its first attempt (or sent again by an administrator).
    PENDING = "pending", _("Chờ gửi")
    # Leased by a worker until `next_attempt_at` (see sender.py).
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    # The last attempt failed; the event is retried at `next_attempt_at`.
    FAILED = "failed", _("Gửi lỗi")
    # Out of attempts (about a day of retries): an administrator must look,
    # then send it again ("Gửi lại"). The dossier's later changes wait for it.
    GAVE_UP = "gave_up", _("Cần xử lý")


class PortalService(models.TextChoices):
    """The national portal's service an event goes to (as public implementations name them)."""

    # The dossier's whole state after a change.
    DOSSIER = "DongBoHoSoMC", _("Đồng bộ hồ sơ")
    # One step of its processing: who, when, where, what (sent apart from the dossier).
    PROGRESS = "CapNhatTienDoHoSoMC", _("Cập nhật tiến độ xử lý")


class OutboxEvent(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="portal_events",
    )
    # 1, 2, 3 ... per dossier, in the order of the changes.
    sequence = models.PositiveIntegerField(_("thứ tự"))
    event = models.CharField(_("sự kiện"), max_length=64)
    service = models.CharField(
        _("dịch vụ nhận"),
        max_length=32,
        choices=PortalService.choices,
        default=PortalService.DOSSIER,
    )
    # "<dossier pk>:<sequence>", sent as the Idempotency-Key header.
    idempotency_key = models.CharField(_("khóa chống trùng"), max_length=40, unique=True)
    payload = models.JSONField(_("dữ liệu gửi"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi tiếp lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    sent_at = models.DateTimeField(_("gửi xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("sự kiện đồng bộ Cổng DVCQG")
        verbose_name_plural = _("sự kiện đồng bộ Cổng DVCQG")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "sequence"], name="portalsync_dossier_seq")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            # The rows unsent at a moment (sent_at IS NULL OR sent_at >= it):
            # the synchronised indicator's late rows (reports/indicators/rolled.py).
            models.Index(fields=["sent_at"], name="portalsync_sent_at"),
        ]

    def __str__(self) -> str:
        return self.idempotency_key
