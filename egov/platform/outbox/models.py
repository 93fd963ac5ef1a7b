"""The row contract of an outbox as an abstract model (see egov/platform/outbox/__init__.py).

A new outbox's model inherits it and adds what it sends (an address, a
payload, an idempotency key); the helper reads and writes only these columns.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.platform.outbox.contract import DeliveryStatus


class OutboxRow(models.Model):
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    # Attempts begun, counted when a worker leases the row.
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    # Pending: when it is due. Sending: when the lease ends. Empty once sent
    # or given up.
    next_attempt_at = models.DateTimeField(
        _("gửi lần tới lúc"), null=True, blank=True, default=timezone.now
    )
    last_error = models.TextField(_("lỗi lần gửi cuối"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)

    class Meta:
        abstract = True
