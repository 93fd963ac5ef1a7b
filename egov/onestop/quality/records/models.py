"""The register of quality records (TCVN ISO 9001:2015, clause 7.5.3; issue 19, item 2).

Per quality procedure and year, the kinds of record kept and how long. The
records themselves are the platform's own (the procedure's dossiers, their
printed slips, the dossier register): a row says which, and the pages link
them, counted at read time from the one-stop desk, never copied. Each year's
register is carried forward from the last one (`roll_over`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordSource(models.TextChoices):
    # The procedure's dossiers received at the agency in the year, with their results.
    DOSSIERS = "dossiers", _("Hồ sơ điện tử trên hệ thống")
    # Form 01 of each of those dossiers (Circular 01/2018/TT-VPCP).
    RECEIPTS = "receipts", _("Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)")
    # Form 06 of each of those dossiers: its processing log.
    CONTROL_SLIPS = "control_slips", _("Phiếu kiểm soát quá trình (mẫu 06)")
    # Form 07: the agency's dossier register for the year.
    REGISTER = "register", _("Sổ theo dõi hồ sơ (mẫu 07)")
    # Kept outside the platform: the location says where.
    OTHER = "other", _("Lưu ngoài hệ thống")


class RecordRegister(models.Model):
    """The quality records of one quality procedure for one year (danh mục hồ sơ)."""

    document = models.ForeignKey(
        "quality.QualityProcedure",
        verbose_name=_("quy trình ISO"),
        on_delete=models.PROTECT,
        related_name="record_registers",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    # The register this one was carried forward from (the yearly rollover).
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("chuyển từ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("danh mục hồ sơ chất lượng")
        verbose_name_plural = _("danh mục hồ sơ chất lượng")
        ordering = ["document", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["document", "year"], name="record_register_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.document} – {self.year}"


class QualityRecord(models.Model):
    """A kind of record the procedure keeps: what, where (a platform source), how long."""

    register = models.ForeignKey(
        RecordRegister, verbose_name=_("danh mục"), on_delete=models.PROTECT, related_name="records"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên hồ sơ"), max_length=300)
    source = models.CharField(_("nguồn"), max_length=16, choices=RecordSource.choices)
    location = models.CharField(_("nơi lưu"), max_length=300, blank=True)
    # Years to keep; empty: as the note says (the legal periods are not verified here).
    retention_years = models.PositiveSmallIntegerField(
        _("thời hạn lưu (năm)"), null=True, blank=True
    )
    retention_note = models.CharField(_("căn cứ thời hạn lưu"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("hồ sơ chất lượng")
        verbose_name_plural = _("hồ sơ chất lượng")
        ordering = ["register", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "position"], name="quality_record_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name
