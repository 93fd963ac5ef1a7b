"""The directory of agencies outside the deployment that documents can be sent to.

The deployment's own units carry their identifier (mã định danh) on the
organisation tree (`Unit.agency_code`); agencies outside it (ministries,
other provinces) come from a list the administrator imports
(`egov import_agencies FILE`, directory.py).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.platform.organisation.models import agency_code_validator
from egov.platform.outbox.models import OutboxRow


class OutsideAgency(models.Model):
    organ_id = models.CharField(
        _("mã định danh"), max_length=32, unique=True, validators=[agency_code_validator]
    )
    name = models.CharField(_("tên cơ quan"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    email = models.CharField(_("thư điện tử"), max_length=254, blank=True)
    telephone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cơ quan ngoài hệ thống")
        verbose_name_plural = _("cơ quan ngoài hệ thống")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organ_id})"


class MessageKind(models.TextChoices):
    # A document (new, revocation, update, replacement).
    DOCUMENT = "document", _("Văn bản")
    # A status message (01 arrived ... 16) about a document.
    STATUS = "status", _("Trạng thái")


class OutboundMessage(OutboxRow):
    """One edXML message to one agency, written in the transaction that causes it.

    The consignment id stays the same across every retry, so the receiver can
    drop what it has already seen: delivery is exactly once as the receiver
    sees it. Messages of one stream (the statuses about one document to one
    agency) leave in their sequence order (outbox.py, `_first_of_each_stream`).
    """

    consignment_id = models.UUIDField(_("mã gói tin"), unique=True, default=uuid.uuid4)
    kind = models.CharField(_("loại"), max_length=10, choices=MessageKind.choices)
    from_organ = models.CharField(_("cơ quan gửi"), max_length=32)
    to_organ = models.CharField(_("cơ quan nhận"), max_length=32)
    # The edXML DocumentId the message carries or is about.
    document_id = models.CharField(_("mã văn bản"), max_length=300)
    recipient = models.ForeignKey(
        "office_documents.OutgoingRecipient",
        verbose_name=_("nơi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exchange_messages",
    )
    received = models.ForeignKey(
        "office_exchange.ReceivedDocument",
        verbose_name=_("văn bản nhận được"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="status_messages",
    )
    status_code = models.CharField(_("mã trạng thái"), max_length=2, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    status_at = models.DateTimeField(_("thời điểm trạng thái"), null=True, blank=True)
    stream = models.CharField(_("luồng"), max_length=400)
    sequence = models.PositiveIntegerField(_("thứ tự"))
    # The last explicit fault the receiver or the hub answered (errors.ExchangeError).
    fault_code = models.CharField(_("mã lỗi"), max_length=40, blank=True)
    # When the issuing clerk was told that the message failed for good.
    notified_at = models.DateTimeField(_("đã báo lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông điệp liên thông đi")
        verbose_name_plural = _("thông điệp liên thông đi")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["stream", "sequence"], name="office_exchange_out_stream_seq"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="office_exchange_out_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.consignment_id} → {self.to_organ}"


class ReceivedState(models.TextChoices):
    # Arrived electronically, waits for the clerk to register or refuse it.
    WAITING = "waiting", _("Chờ vào sổ")
    # Registered: an incoming document of the body (status 03 sent).
    REGISTERED = "registered", _("Đã vào sổ")
    # Refused by the clerk with a reason (status 02 sent).
    REFUSED = "refused", _("Đã từ chối")
    # Recalled by its sender before it was registered, and the clerk accepted (15).
    WITHDRAWN = "withdrawn", _("Đã thu hồi")


class Change(models.TextChoices):
    """What a received document does to one received before (edXML BussinessDocType)."""

    # A new document (type 0).
    NONE = "", _("Văn bản mới")
    # Revocation (1): withdraws the document it names.
    REVOCATION = "revocation", _("Thu hồi văn bản")
    # Update (2): corrects the document it names, which stays in force.
    UPDATE = "update", _("Cập nhật, đính chính văn bản")
    # Replacement (3): takes the place of the document it names.
    REPLACEMENT = "replacement", _("Thay thế văn bản")


class RecallState(models.TextChoices):
    # No recall asked.
    NONE = "", _("—")
    # The sender recalls the document (status 13): the clerk accepts or refuses.
    REQUESTED = "requested", _("Bên gửi đề nghị thu hồi")
    # Accepted (status 15 sent): the document is withdrawn here too.
    ACCEPTED = "accepted", _("Đã đồng ý thu hồi")
    # Refused with a reason (status 16 sent).
    REFUSED = "refused", _("Đã từ chối thu hồi")


class SignatureCheck(models.TextChoices):
    # The XML signature verified against the deployment's trusted roots.
    VERIFIED = "verified", _("Chữ ký số hợp lệ")
    # No trusted roots are configured here: the signature was not checked.
    NOT_CHECKED = "not_checked", _("Chưa kiểm tra chữ ký số")


class ReceivedDocument(models.Model):
    """A document that arrived as an edXML message, in the receiving body's queue."""

    consignment_id = models.UUIDField(_("mã gói tin"), unique=True)
    body = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan nhận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sender_organ = models.CharField(_("mã định danh cơ quan gửi"), max_length=32)
    sender_name = models.CharField(_("cơ quan gửi"), max_length=255)
    document_id = models.CharField(_("mã văn bản"), max_length=300)
    notation = models.CharField(_("số, ký hiệu"), max_length=120)
    issued_on = models.DateField(_("ngày ban hành"))
    type_name = models.CharField(_("loại văn bản"), max_length=120, blank=True)
    summary = models.TextField(_("trích yếu"))
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    message = models.FileField(
        _("thông điệp edXML"), upload_to="office/exchange/%Y/", max_length=200
    )
    signature = models.CharField(
        _("chữ ký thông điệp"), max_length=12, choices=SignatureCheck.choices
    )
    signed_by = models.CharField(_("chứng thư ký"), max_length=300, blank=True)
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=ReceivedState.choices, default=ReceivedState.WAITING
    )
    incoming = models.OneToOneField(
        "office_documents.IncomingDocument",
        verbose_name=_("văn bản đến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exchange_source",
    )
    refused_reason = models.TextField(_("lý do từ chối"), blank=True)
    recall = models.CharField(
        _("thu hồi"),
        max_length=10,
        choices=RecallState.choices,
        default=RecallState.NONE,
        blank=True,
    )
    recall_note = models.TextField(_("ý kiến về thu hồi"), blank=True)
    change = models.CharField(
        _("loại nghiệp vụ"), max_length=12, choices=Change.choices, default=Change.NONE, blank=True
    )
    # The edXML DocumentId of the document this one revokes, updates or replaces,
    # kept as sent even when that document never reached this deployment.
    changes_document_id = models.CharField(_("mã văn bản liên quan"), max_length=300, blank=True)
    changes = models.ForeignKey(
        "self",
        verbose_name=_("văn bản liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changed_by",
    )
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    handled_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản điện tử nhận được")
        verbose_name_plural = _("văn bản điện tử nhận được")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["body", "state"], name="office_exchange_recv_body")]

    def __str__(self) -> str:
        return f"{self.notation} – {self.sender_name}"


class ReceivedAttachment(models.Model):
    received = models.ForeignKey(
        ReceivedDocument,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    content_id = models.CharField(_("mã tệp"), max_length=200)
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu"), max_length=100)
    file = models.FileField(_("tệp"), upload_to="office/exchange/%Y/", max_length=200)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    # The PDF's signatures as egov.platform.signatures.validation reported them
    # (verdict, signer, reason per signature); empty: not a PDF, or not checked.
    signatures = models.JSONField(_("chữ ký số trong tệp"), default=list, blank=True)

    class Meta:
        verbose_name = _("tệp đính kèm nhận được")
        verbose_name_plural = _("tệp đính kèm nhận được")
        ordering = ["received", "pk"]

    def __str__(self) -> str:
        return self.name


class StatusEntry(models.Model):
    """A status an agency sent back about a document sent to it: the sender's timeline."""

    recipient = models.ForeignKey(
        "office_documents.OutgoingRecipient",
        verbose_name=_("nơi nhận"),
        on_delete=models.CASCADE,
        related_name="exchange_statuses",
    )
    consignment_id = models.UUIDField(_("mã gói tin"), unique=True)
    code = models.CharField(_("mã trạng thái"), max_length=2)
    description = models.TextField(_("mô tả"), blank=True)
    # The certificate that signed the status message, when signatures are checked here.
    signed_by = models.CharField(_("chứng thư ký"), max_length=300, blank=True)
    status_at = models.DateTimeField(_("thời điểm"))
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("trạng thái xử lý")
        verbose_name_plural = _("trạng thái xử lý")
        ordering = ["recipient", "received_at", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class InboundFault(models.Model):
    """A message refused on arrival, kept for the clerks and administrators to see."""

    consignment_id = models.CharField(_("mã gói tin"), max_length=64, blank=True)
    from_organ = models.CharField(_("cơ quan gửi"), max_length=32, blank=True)
    to_organ = models.CharField(_("cơ quan nhận"), max_length=32, blank=True)
    code = models.CharField(_("mã lỗi"), max_length=40)
    message = models.TextField(_("lỗi"))
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("thông điệp bị từ chối")
        verbose_name_plural = _("thông điệp bị từ chối")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.consignment_id}"


class RecallSeen(models.Model):
    """The consignment id of a recall (13) taken, so a second copy is dropped."""

    consignment_id = models.UUIDField(_("mã gói tin"), unique=True)
    received = models.ForeignKey(
        ReceivedDocument, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("đề nghị thu hồi đã nhận")
        verbose_name_plural = _("đề nghị thu hồi đã nhận")

    def __str__(self) -> str:
        return str(self.consignment_id)


from egov.office.exchange.hub.models import HubMessage  # noqa: E402 - the hub's table

__all__ = [
    "Change",
    "HubMessage",
    "InboundFault",
    "MessageKind",
    "OutboundMessage",
    "OutsideAgency",
    "RecallSeen",
    "RecallState",
    "ReceivedAttachment",
    "ReceivedDocument",
    "ReceivedState",
    "SignatureCheck",
    "StatusEntry",
]
