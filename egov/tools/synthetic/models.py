"""A record of each `egov generate` run: what was made, and which rows.

Synthetic rows carry no mark of their own (every column of a dossier means
something to the desk), so the batch keeps the primary-key ranges it
inserted. The generator is meant for benchmark and test databases: on a
live database another writer could take keys inside a range while it runs.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SyntheticBatch(models.Model):
    province = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    seed = models.BigIntegerField(_("hạt giống ngẫu nhiên"))
    dossiers_requested = models.PositiveIntegerField(_("số hồ sơ yêu cầu"))
    years = models.PositiveSmallIntegerField(_("số năm"))
    first_day = models.DateField(_("ngày tiếp nhận đầu tiên"), null=True, blank=True)
    last_day = models.DateField(_("ngày tiếp nhận cuối cùng"), null=True, blank=True)
    # The clock the lifecycles were cut at: nothing happens after it.
    generated_until = models.DateTimeField(_("dữ liệu tính đến"))
    first_dossier_id = models.BigIntegerField(_("mã dòng hồ sơ đầu"), null=True, blank=True)
    last_dossier_id = models.BigIntegerField(_("mã dòng hồ sơ cuối"), null=True, blank=True)
    first_user_id = models.BigIntegerField(_("mã dòng tài khoản đầu"), null=True, blank=True)
    last_user_id = models.BigIntegerField(_("mã dòng tài khoản cuối"), null=True, blank=True)
    # Rows inserted per table, e.g. {"dossiers": 1000, "handovers": 4711}.
    counts = models.JSONField(_("số dòng đã tạo"), default=dict, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đợt dữ liệu tổng hợp")
        verbose_name_plural = _("đợt dữ liệu tổng hợp")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.dossiers_requested} / {self.years}"
