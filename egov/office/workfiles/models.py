"""Work files (hồ sơ công việc), Decree 30/2020/NĐ-CP art. 28-31.

Each unit keeps a yearly file list (danh mục hồ sơ, art. 28): one entry per
file it expects to make, with its code, title, retention period and the
person responsible. The list is drafted by the unit's office or head and
approved by its leader at the start of the year; each entry is then a file
the responsible specialist opens, fills with the documents and notes of one
piece of work, and closes (art. 29). A closed file is handed to the
agency's archive (nộp lưu, art. 30): files kept 5 years or more must be.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Law on Archives 2011 art. 11 and Decree 30 art. 30: files kept this many
# years or more (or permanently) must be deposited in the agency's archive.
DEPOSIT_THRESHOLD_YEARS = 5
PERMANENT = "Vĩnh viễn"


class FileListStatus(models.TextChoices):
    # Being drafted by the unit's office or head: entries may be added.
    DRAFT = "draft", _("Dự thảo")
    # Approved by the leader: frozen; its files may be opened.
    APPROVED = "approved", _("Đã duyệt")


class FileList(models.Model):
    """The file list (danh mục hồ sơ) of one unit for one year."""

    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=FileListStatus.choices, default=FileListStatus.DRAFT
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("danh mục hồ sơ")
        verbose_name_plural = _("danh mục hồ sơ")
        ordering = ["-year", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="workfile_one_list_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"


class Rights(models.TextChoices):
    # Chế độ sử dụng (Appendix VI "Rights"): who may read the file later.
    PUBLIC = "public", _("Công khai")
    RESTRICTED = "restricted", _("Hạn chế sử dụng")


class WorkFileStatus(models.TextChoices):
    # In the approved list, not opened yet.
    PLANNED = "planned", _("Chưa mở")
    # Opened by the responsible person: documents and notes go in.
    OPEN = "open", _("Đang lập")
    # Closed: dates and totals computed, contents frozen.
    CLOSED = "closed", _("Đã kết thúc")


class DepositStatus(models.TextChoices):
    # Not handed to the archive (yet).
    NONE = "none", _("Chưa nộp lưu")
    # Handed over, waiting for the archive to confirm.
    REQUESTED = "requested", _("Đã nộp, chờ lưu trữ nhận")
    # The archive received it (art. 30): the unit no longer keeps it.
    RECEIVED = "received", _("Lưu trữ đã nhận")


class WorkFile(models.Model):
    """An entry of the file list, and the file made from it."""

    file_list = models.ForeignKey(
        FileList, verbose_name=_("danh mục hồ sơ"), on_delete=models.PROTECT, related_name="files"
    )
    notation = models.CharField(
        _("số và ký hiệu hồ sơ"), max_length=30, help_text=_("Ví dụ: 01.TP")
    )
    title = models.CharField(_("tiêu đề hồ sơ"), max_length=500)
    # NULL: kept permanently (vĩnh viễn).
    retention_years = models.PositiveSmallIntegerField(
        _("thời hạn bảo quản (năm)"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu bảo quản vĩnh viễn."),
    )
    rights = models.CharField(
        _("chế độ sử dụng"), max_length=12, choices=Rights.choices, default=Rights.RESTRICTED
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập hồ sơ"),
        on_delete=models.PROTECT,
        related_name="office_workfiles",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=WorkFileStatus.choices,
        default=WorkFileStatus.PLANNED,
    )
    opened_at = models.DateTimeField(_("mở lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    # Computed at closing (Appendix VI StartDate, EndDate, DocTotal, PageTotal):
    # the dates of the earliest and the latest document of the file.
    start_date = models.DateField(_("thời gian bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("thời gian kết thúc"), null=True, blank=True)
    doc_total = models.PositiveIntegerField(_("tổng số văn bản"), default=0)
    page_total = models.PositiveIntegerField(_("tổng số trang"), default=0)
    deposit_status = models.CharField(
        _("nộp lưu"), max_length=10, choices=DepositStatus.choices, default=DepositStatus.NONE
    )
    deposit_requested_at = models.DateTimeField(_("nộp lưu lúc"), null=True, blank=True)
    deposit_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp lưu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deposit_received_at = models.DateTimeField(_("lưu trữ nhận lúc"), null=True, blank=True)
    deposit_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận nộp lưu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ công việc")
        verbose_name_plural = _("hồ sơ công việc")
        ordering = ["file_list", "notation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["file_list", "notation"], name="workfile_unique_notation"
            ),
            models.CheckConstraint(
                condition=models.Q(retention_years__isnull=True) | models.Q(retention_years__gte=1),
                name="workfile_retention_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["responsible", "status"], name="workfile_responsible_status"),
            models.Index(fields=["deposit_status"], name="workfile_deposit_status"),
        ]

    def __str__(self) -> str:
        return f"{self.notation} {self.title[:60]}"

    @property
    def permanent(self) -> bool:
        return self.retention_years is None

    @property
    def maintenance(self) -> str:
        """Appendix VI "Maintenance": "Vĩnh viễn" or "10 năm"."""
        return PERMANENT if self.retention_years is None else f"{self.retention_years} năm"

    @property
    def must_deposit(self) -> bool:
        return self.retention_years is None or self.retention_years >= DEPOSIT_THRESHOLD_YEARS

    @property
    def deposit_due(self) -> date | None:
        """Decree 30 art. 30: deposited within one year after the work ends."""
        if self.end_date is None:
            return None
        try:
            return self.end_date.replace(year=self.end_date.year + 1)
        except ValueError:  # 29 February
            return self.end_date.replace(year=self.end_date.year + 1, day=28)


class ItemKind(models.TextChoices):
    # An incoming document the responsible person may see.
    INCOMING = "incoming", _("Văn bản đến")
    # A note of the person: text, optionally with a PDF (a draft, minutes...).
    NOTE = "note", _("Ghi chú, tài liệu")


class Discard(models.TextChoices):
    # Kept when the file is closed.
    KEEP = "", _("Giữ lại")
    # Decree 30 art. 29: closing a file removes drafts and duplicates.
    DRAFT = "draft", _("Bản nháp")
    DUPLICATE = "duplicate", _("Bản trùng")


class WorkFileItem(models.Model):
    """A document or a note in a file; one document may be in several files.

    One nullable key per kind of document: outgoing documents get an
    `outgoing` key and an item kind of their own.
    """

    work_file = models.ForeignKey(
        WorkFile, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ItemKind.choices)
    incoming = models.ForeignKey(
        "office_documents.IncomingDocument",
        verbose_name=_("văn bản đến"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("nội dung ghi chú"), blank=True)
    note_date = models.DateField(_("ngày ghi chú"), null=True, blank=True)
    note_file = models.FileField(
        _("tệp PDF kèm ghi chú"), upload_to="office/workfiles/%Y/", max_length=200, blank=True
    )
    note_pages = models.PositiveIntegerField(_("số trang tệp kèm"), default=0)
    discard = models.CharField(
        _("loại bỏ khi kết thúc"),
        max_length=10,
        choices=Discard.choices,
        default=Discard.KEEP,
        blank=True,
    )
    # Order in the file (Appendix VI DocOrdinal): renumbered by date at closing.
    ordinal = models.PositiveIntegerField(_("số thứ tự"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản, tài liệu trong hồ sơ")
        verbose_name_plural = _("văn bản, tài liệu trong hồ sơ")
        ordering = ["work_file", "ordinal", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_file", "incoming"],
                condition=models.Q(incoming__isnull=False),
                name="workfile_item_document_once",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="incoming", incoming__isnull=False)
                    | models.Q(kind="note", incoming__isnull=True, note_date__isnull=False)
                ),
                name="workfile_item_kind_matches",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ordinal}. {self.get_kind_display()}"

    @property
    def dated(self) -> date | None:
        """The date that orders the file: the document's, or the note's."""
        if self.incoming is not None:
            return self.incoming.issued_on
        return self.note_date
