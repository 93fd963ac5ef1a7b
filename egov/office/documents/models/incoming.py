"""Incoming documents (văn bản đến) and their handling, Decree 30/2020/NĐ-CP art. 20-24."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.office.documents.models.registers import DocumentType, Register


class Channel(models.TextChoices):
    # Received on paper: the clerk uploads the scan.
    PAPER = "paper", _("Bản giấy")
    # Received as an electronic document (PDF).
    ELECTRONIC = "electronic", _("Điện tử")


class Urgency(models.TextChoices):
    # Decree 30 art. 8 and Appendix I: the marks, mildest first.
    NORMAL = "normal", _("Thường")
    URGENT = "urgent", _("Khẩn")
    VERY_URGENT = "very_urgent", _("Thượng khẩn")
    FLASH = "flash", _("Hỏa tốc")


class Secrecy(models.TextChoices):
    # Not secret: seen by the units that hold it.
    NONE = "none", _("Thường")
    # Law on Protection of State Secrets 2018: three degrees; every one is
    # seen only by the people named on the document.
    SECRET = "secret", _("Mật")
    TOP_SECRET = "top_secret", _("Tối mật")
    ULTRA_SECRET = "ultra_secret", _("Tuyệt mật")


class IncomingStatus(models.TextChoices):
    # Registered and presented to the leader, who has not assigned it yet.
    AWAITING_ASSIGNMENT = "awaiting", _("Chờ phân công")
    # Assigned: the lead and the others are handling it.
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    # The lead finished handling it.
    COMPLETED = "completed", _("Đã hoàn thành")
    # Withdrawn: its issuer recalled or replaced it and the body accepted
    # (edXML status 15); nobody handles it any more.
    WITHDRAWN = "withdrawn", _("Đã thu hồi")


class IncomingDocument(models.Model):
    """A document received by a body, with its arrival number from the incoming register."""

    body = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan nhận"),
        on_delete=models.PROTECT,
        related_name="office_incoming",
    )
    register = models.ForeignKey(
        Register, verbose_name=_("sổ văn bản đến"), on_delete=models.PROTECT, related_name="+"
    )
    arrival_number = models.PositiveIntegerField(_("số đến"))
    arrived_at = models.DateTimeField(_("ngày giờ đến"))
    channel = models.CharField(_("hình thức nhận"), max_length=12, choices=Channel.choices)
    sender = models.CharField(_("cơ quan ban hành"), max_length=255)
    notation = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày văn bản"))
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("trích yếu"))
    urgency = models.CharField(
        _("độ khẩn"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    secrecy = models.CharField(
        _("độ mật"), max_length=12, choices=Secrecy.choices, default=Secrecy.NONE
    )
    pages = models.PositiveSmallIntegerField(_("số trang"), default=1)
    file = models.FileField(_("tệp văn bản"), upload_to="office/incoming/%Y/", max_length=200)
    registered_by = models.ForeignKey(
        "accounts.User", verbose_name=_("văn thư"), on_delete=models.PROTECT, related_name="+"
    )
    leader = models.ForeignKey(
        "accounts.User",
        verbose_name=_("lãnh đạo cho ý kiến"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=IncomingStatus.choices,
        default=IncomingStatus.AWAITING_ASSIGNMENT,
    )
    instructions = models.TextField(_("ý kiến chỉ đạo (bút phê)"), blank=True)
    due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("phân công lúc"), null=True, blank=True)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("vào sổ lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        ordering = ["-arrived_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "arrival_number"], name="office_incoming_unique_arrival"
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status"], name="office_in_body_status"),
            models.Index(fields=["leader", "status"], name="office_in_leader_status"),
            models.Index(fields=["sender", "notation", "issued_on"], name="office_in_duplicate"),
        ]

    def __str__(self) -> str:
        return f"{self.notation} – {self.summary[:60]}"

    @property
    def confidential(self) -> bool:
        return self.secrecy != Secrecy.NONE


class IncomingAttachment(models.Model):
    document = models.ForeignKey(
        IncomingDocument,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    name = models.CharField(_("tên tệp"), max_length=200)
    file = models.FileField(_("tệp"), upload_to="office/incoming/%Y/", max_length=200)

    class Meta:
        verbose_name = _("phụ lục, tệp đính kèm")
        verbose_name_plural = _("phụ lục, tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class HolderRole(models.TextChoices):
    # Chủ trì: handles the document and answers for it.
    LEAD = "lead", _("Chủ trì")
    # Phối hợp: contributes to the lead's handling.
    COORDINATE = "coordinate", _("Phối hợp")
    # Nhận để biết: informed, no handling expected.
    INFORMATION = "information", _("Nhận để biết")


class HolderStatus(models.TextChoices):
    # The holder has it and has not finished.
    OPEN = "open", _("Đang xử lý")
    # The holder finished its part.
    DONE = "done", _("Đã xong")
    # The holder handed it back (to the leader or to whoever assigned it).
    RETURNED = "returned", _("Đã trả lại")


class Holder(models.Model):
    """A unit or a person holding a document: the leader's assignment, or a head's re-assignment."""

    document = models.ForeignKey(
        IncomingDocument,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="holders",
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="office_holdings",
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=HolderRole.choices)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=HolderStatus.choices, default=HolderStatus.OPEN
    )
    # The holding this one was re-assigned from (a head to a specialist).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chuyển từ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    assigned_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người giao"), on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    done_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đơn vị, cá nhân xử lý")
        verbose_name_plural = _("đơn vị, cá nhân xử lý")
        ordering = ["document", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(user__isnull=False),
                name="office_holder_unit_or_user",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "status"], name="office_holder_user_status"),
            models.Index(fields=["unit", "status"], name="office_holder_unit_status"),
        ]

    def __str__(self) -> str:
        who = self.user if self.user_id else self.unit
        return f"{who} – {self.get_role_display()}"


class ActionKind(models.TextChoices):
    # The history of a document, as its holders see it.
    REGISTERED = "registered", _("Vào sổ văn bản đến")
    ASSIGNED = "assigned", _("Phân công xử lý")
    RECEIVED = "received", _("Nhận văn bản")
    READ = "read", _("Đã đọc")
    FORWARDED = "forwarded", _("Chuyển xử lý")
    COMMENTED = "commented", _("Cho ý kiến")
    COMPLETED = "completed", _("Hoàn thành xử lý")
    RETURNED = "returned", _("Trả lại")
    WITHDRAWN = "withdrawn", _("Thu hồi văn bản")
    UPDATED = "updated", _("Văn bản được đính chính, thay thế")


class DocumentAction(models.Model):
    """One step in a document's history: who did what, with which note."""

    document = models.ForeignKey(
        IncomingDocument,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    holder = models.ForeignKey(
        Holder,
        verbose_name=_("người, đơn vị xử lý"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
    )
    actor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("thao tác"), max_length=12, choices=ActionKind.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["document", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.actor}"
