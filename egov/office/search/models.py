"""The search index: one row per searchable document, whatever its kind."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    # Văn bản đến (office_documents.IncomingDocument).
    INCOMING = "incoming", _("Văn bản đến")
    # Văn bản đi: indexed by the outgoing documents once they exist.
    OUTGOING = "outgoing", _("Văn bản đi")


class TextStatus(models.TextChoices):
    # The files' text has not been read yet (the job is queued).
    PENDING = "pending", _("Chờ đọc nội dung tệp")
    # The job is reading the files; scans are being OCRed.
    RUNNING = "running", _("Đang nhận dạng chữ")
    # Every file's text is in the index.
    DONE = "done", _("Đã đọc nội dung tệp")
    # A scan has no text layer and this server has no OCR: only the
    # metadata is searchable until an administrator installs it and reindexes.
    NO_OCR = "no_ocr", _("Chưa có công cụ nhận dạng chữ (OCR)")
    # A file could not be read (corrupt, or OCR failed): see `error`.
    FAILED = "failed", _("Không đọc được nội dung tệp")


class SearchEntry(models.Model):
    """The searchable text of one document: its metadata, and the text inside its files.

    `kind` + `object_id` name the document (no foreign key, so any kind of
    document can be indexed without a migration here). `vector` is filled on
    PostgreSQL only; SQLite keeps the text in the FTS5 table
    `office_search_fts`, whose rowid is this row's id.
    """

    kind = models.CharField(_("loại"), max_length=10, choices=SourceKind.choices)
    object_id = models.PositiveBigIntegerField(_("mã văn bản"))
    body = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    metadata = models.TextField(_("số, ký hiệu, trích yếu, nơi gửi"))
    content = models.TextField(_("nội dung tệp"), blank=True)
    vector = SearchVectorField(_("chỉ mục (PostgreSQL)"), null=True, editable=False)
    text_status = models.CharField(
        _("trạng thái đọc tệp"),
        max_length=10,
        choices=TextStatus.choices,
        default=TextStatus.PENDING,
    )
    files_total = models.PositiveSmallIntegerField(_("số tệp"), default=0)
    files_done = models.PositiveSmallIntegerField(_("số tệp đã đọc"), default=0)
    error = models.CharField(_("lỗi"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("chỉ mục tìm kiếm văn bản")
        verbose_name_plural = _("chỉ mục tìm kiếm văn bản")
        ordering = ["kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="office_search_one_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"

    @property
    def progress_label(self) -> str:
        if self.text_status == TextStatus.RUNNING and self.files_total:
            return f"{self.get_text_status_display()} {self.files_done}/{self.files_total}"
        return str(self.get_text_status_display())
