"""Outgoing documents (văn bản đi), Decree 30/2020/NĐ-CP art. 10-19.

A specialist drafts (versions kept), the head of the drafting unit reviews,
the signing leader approves, the clerk numbers it from the outgoing register
on the day of issue and issues it: to units of the deployment it arrives as an
incoming document, outside agencies are recorded for the inter-agency
exchange. A recall, replacement or correction is a document linked to the one
it changes; a reply names the incoming document it answers.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.office.documents.models.incoming import IncomingDocument, Secrecy, Urgency
from egov.office.documents.models.registers import DocumentType, Register, RegisterEntry


class OutgoingStatus(models.TextChoices):
    # The drafter works on it (also after a return).
    DRAFT = "draft", _("Dự thảo")
    # With the head of the drafting unit for review.
    IN_REVIEW = "in_review", _("Chờ lãnh đạo phòng xem xét")
    # Submitted (trình ký) to the signing leader.
    SUBMITTED = "submitted", _("Trình ký")
    # Signed off by the leader: waits for the clerk's number and issue.
    APPROVED = "approved", _("Đã duyệt, chờ phát hành")
    # Numbered and issued.
    ISSUED = "issued", _("Đã phát hành")
    # Withdrawn by a later recall document.
    RECALLED = "recalled", _("Đã bị thu hồi")
    # Replaced by a later document.
    REPLACED = "replaced", _("Đã bị thay thế")
    # Corrected (đính chính) by a later document: still in force, as corrected.
    CORRECTED = "corrected", _("Đã được đính chính")


# Issued documents still in force: they may be corrected, recalled or replaced.
IN_FORCE = (OutgoingStatus.ISSUED, OutgoingStatus.CORRECTED)
# Every status a document can have once issued (numbered, in the register).
ONCE_ISSUED = (*IN_FORCE, OutgoingStatus.RECALLED, OutgoingStatus.REPLACED)


class Relation(models.TextChoices):
    # A document on its own.
    NONE = "", _("Không")
    # Thu hồi: withdraws the related document.
    RECALL = "recall", _("Thu hồi văn bản")
    # Thay thế: takes the related document's place.
    REPLACE = "replace", _("Thay thế văn bản")
    # Đính chính: corrects an error in the related document.
    CORRECT = "correct", _("Đính chính văn bản")


class OutgoingDocument(models.Model):
    """A document drafted in a body, from its first draft to its issue."""

    body = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="office_outgoing",
    )
    drafting_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị soạn thảo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
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
    drafter = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người soạn thảo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        "accounts.User",
        verbose_name=_("lãnh đạo phòng xem xét"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer = models.ForeignKey(
        "accounts.User", verbose_name=_("người ký"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=OutgoingStatus.choices, default=OutgoingStatus.DRAFT
    )
    # The approval step: a digital signature (its own issue) will be required
    # here when set; approve_outgoing refuses until the signed file is given.
    signature_required = models.BooleanField(_("cần chữ ký số"), default=False)
    reply_to = models.ForeignKey(
        IncomingDocument,
        verbose_name=_("trả lời văn bản đến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    relation = models.CharField(
        _("quan hệ"), max_length=10, choices=Relation.choices, default=Relation.NONE, blank=True
    )
    related = models.ForeignKey(
        "self",
        verbose_name=_("văn bản liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changed_by",
    )
    register = models.ForeignKey(
        Register,
        verbose_name=_("sổ văn bản đi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entry = models.OneToOneField(
        RegisterEntry,
        verbose_name=_("số đã cấp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outgoing",
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    notation = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_at = models.DateTimeField(_("phát hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("văn thư phát hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    # Decree 42/2022/NĐ-CP art. 4: the legal and directing documents an agency
    # issues are published on its portal. Marked by the body's clerk or
    # leader (services/publicity.py); shown there only once issued, never
    # when classified.
    public = models.BooleanField(_("công khai trên cổng thông tin"), default=False)
    # Notation, type, summary and body folded (public_text.py), so the portal's
    # search filters in the database with or without diacritics. Set by the
    # services when the draft is made and when it is issued.
    search_text = models.TextField(_("nội dung tìm kiếm (không dấu)"), blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(relation="") | models.Q(related__isnull=False),
                name="office_out_relation_needs_document",
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status"], name="office_out_body_status"),
            models.Index(fields=["drafter", "status"], name="office_out_drafter_status"),
            models.Index(fields=["reviewer", "status"], name="office_out_reviewer_status"),
            models.Index(fields=["signer", "status"], name="office_out_signer_status"),
        ]

    def __str__(self) -> str:
        return f"{self.notation or _('Dự thảo')} – {self.summary[:60]}"

    @property
    def confidential(self) -> bool:
        return self.secrecy != Secrecy.NONE


class VersionStatus(models.TextChoices):
    # The DOCX waits for its conversion job.
    CONVERTING = "converting", _("Đang chuyển sang PDF")
    # The PDF is there.
    READY = "ready", _("Sẵn sàng")
    # The conversion failed: error_code says why.
    FAILED = "failed", _("Chuyển đổi lỗi")


class OutgoingVersion(models.Model):
    """One version of the draft: the PDF, and the DOCX it was made from (if any)."""

    document = models.ForeignKey(
        OutgoingDocument,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    file = models.FileField(
        _("tệp PDF"), upload_to="office/outgoing/%Y/", max_length=200, blank=True
    )
    source = models.FileField(
        _("tệp DOCX gốc"), upload_to="office/outgoing/%Y/", max_length=200, blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.READY
    )
    error_code = models.CharField(_("mã lỗi"), max_length=40, blank=True)
    error_message = models.CharField(_("lỗi"), max_length=300, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản dự thảo")
        verbose_name_plural = _("phiên bản dự thảo")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="office_out_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"


class OutgoingAttachment(models.Model):
    """Phụ lục / tài liệu kèm theo: a PDF (or a DOCX, converted to PDF with the
    version) uploaded with a version, kept with it.

    Decree 30/2020/NĐ-CP, Appendix I: an attachment in a file of its own
    carries the organisation's signature at issue; the sealed copies belong
    to the issued (sealed) version, the drafts' copies stay as uploaded.
    """

    version = models.ForeignKey(
        OutgoingVersion,
        verbose_name=_("phiên bản"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên tệp"), max_length=200)
    # Empty while a DOCX upload waits for its conversion (the version is "converting").
    file = models.FileField(
        _("tệp PDF"), upload_to="office/outgoing/%Y/", max_length=200, blank=True
    )
    # The DOCX as uploaded, converted to `file` with the version (LibreOffice).
    source = models.FileField(
        _("tệp gốc (DOCX)"), upload_to="office/outgoing/%Y/", max_length=200, blank=True
    )
    sealed = models.BooleanField(_("đã ký số của cơ quan"), default=False)

    class Meta:
        verbose_name = _("phụ lục văn bản đi")
        verbose_name_plural = _("phụ lục văn bản đi")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="office_out_attachment_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RecipientKind(models.TextChoices):
    # A unit of this deployment: receives an incoming document.
    INTERNAL = "internal", _("Đơn vị trong hệ thống")
    # An agency named in text: the document goes on paper (or by e-mail).
    EXTERNAL = "external", _("Cơ quan bên ngoài")
    # An agency of the exchange directory, by its identifier (mã định danh):
    # sent as an edXML message (egov/office/exchange), locally or through the hub.
    EXCHANGE = "exchange", _("Gửi liên thông điện tử")


class ExchangeStatus(models.TextChoices):
    # Not applicable (an internal recipient before issue).
    NONE = "", _("—")
    # Delivered as an incoming document of the unit.
    DELIVERED = "delivered", _("Đã chuyển vào sổ văn bản đến")
    # Waits for the inter-agency exchange.
    PENDING = "pending", _("Chờ gửi liên thông")
    # The edXML message was handed to the receiver (local) or the hub.
    SENT = "sent", _("Đã gửi liên thông")
    # Out of attempts or refused for good: the clerk must look (the faults are shown).
    FAILED = "failed", _("Gửi liên thông lỗi")


class OutgoingRecipient(models.Model):
    """Nơi nhận: a unit of the deployment, or an outside agency named in text."""

    document = models.ForeignKey(
        OutgoingDocument,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="recipients",
    )
    kind = models.CharField(_("loại nơi nhận"), max_length=10, choices=RecipientKind.choices)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("tên cơ quan"), max_length=255, blank=True)
    # The agency's identifier (mã định danh, Circular 01/2022) of an exchange recipient.
    organ_id = models.CharField(_("mã định danh"), max_length=32, blank=True)
    exchange_status = models.CharField(
        _("tình trạng gửi"),
        max_length=10,
        choices=ExchangeStatus.choices,
        default=ExchangeStatus.NONE,
        blank=True,
    )
    incoming = models.OneToOneField(
        IncomingDocument,
        verbose_name=_("văn bản đến tạo ra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sent_as",
    )

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["document", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="internal") & models.Q(unit__isnull=False))
                | (models.Q(kind="external") & ~models.Q(name=""))
                | (models.Q(kind="exchange") & ~models.Q(organ_id="")),
                name="office_out_recipient_unit_or_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.unit)


class StepKind(models.TextChoices):
    DRAFTED = "drafted", _("Tạo dự thảo")
    VERSION = "version", _("Tải lên phiên bản mới")
    SENT_FOR_REVIEW = "review", _("Gửi lãnh đạo phòng xem xét")
    COMMENTED = "commented", _("Cho ý kiến")
    RETURNED = "returned", _("Trả lại để sửa")
    SUBMITTED = "submitted", _("Trình ký")
    APPROVED = "approved", _("Duyệt ký")
    ISSUED = "issued", _("Cấp số và phát hành")


class OutgoingStep(models.Model):
    """One step in a draft's history."""

    document = models.ForeignKey(
        OutgoingDocument,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    actor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("thao tác"), max_length=12, choices=StepKind.choices)
    note = models.TextField(_("ý kiến"), blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử dự thảo")
        verbose_name_plural = _("lịch sử dự thảo")
        ordering = ["document", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.actor}"
