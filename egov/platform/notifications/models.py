"""What citizens are told: their notification list and the e-mail outbox.

Issue 4, item 6: every status change of a dossier gives the applicant an
entry in their list on the site and an e-mail. E-mails and SMS are written
to their outbox in the transaction of the change and sent by the worker,
never inside a request (issue 16, item 3), so a failing or hanging mail
server delays a message but never blocks or undoes the change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.platform.outbox.contract import DeliveryStatus
from egov.platform.outbox.models import OutboxRow


class NotificationKind(models.TextChoices):
    # A dossier of the recipient moved to another status.
    DOSSIER_STATUS = "dossier_status", _("Trạng thái hồ sơ")
    # An official document came to the recipient to assign or to handle.
    OFFICE_DOCUMENT = "office_document", _("Văn bản")
    # Feedback (phản ánh, kiến nghị) the recipient sent or has to handle.
    VOICE_FEEDBACK = "voice_feedback", _("Phản ánh, kiến nghị")
    # A petition (complaint, denunciation) the recipient has to act on.
    VOICE_PETITION = "voice_petition", _("Đơn khiếu nại, tố cáo")
    # A category of the recipient's portal site has not been updated for too long.
    PORTAL_STALE = "portal_stale", _("Trang thông tin chưa cập nhật")
    # A corrective action of the quality system (ISO 9001) the recipient owns or oversees.
    QUALITY = "quality", _("Hệ thống quản lý chất lượng")
    # A body's leaders held fewer regular citizen-reception days than the rule asks.
    VOICE_RECEPTION = "voice_reception", _("Tiếp công dân định kỳ")


class Notification(models.Model):
    """One entry in a user's notification list."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=32, choices=NotificationKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    # Where the entry leads: a path on this site, given by the domain that
    # told it (the citizen's dossier page for a dossier).
    link = models.CharField(_("liên kết"), max_length=200, blank=True)
    # One event never gives two entries (see OutboundEmail.dedupe_key).
    dedupe_key = models.CharField(  # noqa: DJ001 - NULL: entries without an event key
        _("khóa chống trùng"), max_length=100, unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutboundEmail(OutboxRow):
    """An e-mail waiting in the outbox, being sent, sent, or given up ("Cần xử lý").

    The status, attempts and times are the platform outbox's (OutboxRow,
    egov/platform/outbox): sent by notifications/outbox.py.
    """

    to_address = models.EmailField(_("người nhận"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    # Sealed (sealing.py) when it carries a credential, and emptied once sent.
    body = models.TextField(_("nội dung"), blank=True)
    sealed = models.BooleanField(_("niêm phong"), default=False)
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("thông báo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="emails",
    )
    # The event told (for a dossier "<pk>:<status>:<audit event>"): one
    # event, one e-mail, even if it is told twice.
    dedupe_key = models.CharField(_("khóa chống trùng"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("thư đi")
        verbose_name_plural = _("hộp thư đi")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The due e-mails and the expired leases: only unfinished rows.
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=models.Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]),
                name="outbound_email_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.to_address}: {self.subject}"

    @property
    def given_up(self) -> bool:
        return self.status == DeliveryStatus.GAVE_UP


class OutboundSms(OutboxRow):
    """An SMS waiting in the outbox, being sent, sent, or given up ("Cần xử lý").

    Sent by the worker (sms.py) through settings.SMS_BACKEND, like the e-mails:
    a request only writes this row.
    """

    phone = models.CharField(_("số điện thoại"), max_length=20)
    # Sealed (sealing.py) when it carries a code, and emptied once sent.
    text = models.TextField(_("nội dung"), blank=True)
    sealed = models.BooleanField(_("niêm phong"), default=False)
    # One event, one SMS, even if it is told twice.
    dedupe_key = models.CharField(_("khóa chống trùng"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("tin nhắn đi")
        verbose_name_plural = _("tin nhắn đi")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=models.Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]),
                name="outbound_sms_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.phone} #{self.pk}"
