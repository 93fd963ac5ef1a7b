"""Figures entered by an officer for the indicators the platform cannot compute.

Decision 766/QĐ-TTg scores some things the platform cannot see: procedures
published on time in the national database, the use of population data, the
link to the citizen's personal store (indicators with `formula = "entered"`
in indicators/definitions/). An authorised officer enters them per unit and
period (services.enter_figure, audited); the page marks them "số liệu nhập".
A new entry for the same unit, indicator and period replaces the figure and
keeps the old one in the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnteredFigure(models.Model):
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan, đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The indicator's key in its definition (e.g. "procedures_published_on_time").
    indicator = models.CharField(_("chỉ số"), max_length=64)
    first = models.DateField(_("từ ngày"))
    last = models.DateField(_("đến ngày"))
    numerator = models.PositiveIntegerField(_("số đạt"))
    denominator = models.PositiveIntegerField(_("tổng số"))
    source = models.CharField(_("nguồn số liệu"), max_length=500)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("nhập lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("số liệu chỉ số nhập tay")
        verbose_name_plural = _("số liệu chỉ số nhập tay")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "first", "last"], name="reports_entered_figure_once"
            ),
            models.CheckConstraint(
                condition=models.Q(numerator__lte=models.F("denominator")),
                name="reports_entered_figure_part",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.first}–{self.last}"


class RollupRole(models.IntegerChoices):
    """Which event of a dossier a `DailyCount` row counts (see egov/onestop/reports/rollups/)."""

    # Received on `day` (the dossier has a receipt time).
    RECEIVED = 1, _("tiếp nhận")
    # Received, and first ended on `day` (`Dossier.ended_at`).
    ENDED = 2, _("kết thúc")
    # Not accepted at the desk on `day` (status 3, never received).
    NOT_ACCEPTED = 3, _("không được tiếp nhận")
    # The result handed over on `day`; `end_day` is the day the dossier ended.
    RETURNED = 4, _("trả kết quả")
    # Disliked (rated "unsatisfied", or named by a complaint): `day` is the later
    # of its receipt and the first such judgement, `end_day` the day it ended
    # (OPEN_END while open). A period counts those with `day` before its end
    # and `end_day` on or after its start: received or processed and disliked
    # before the end (indicators/formulas.py, satisfaction).
    DISLIKED = 5, _("không hài lòng hoặc có phản ánh")
    # Digitised, its result (status 9 or 10) issued without the result file:
    # `day` the day of receipt, `end_day` the day it ended (formulas.py,
    # digitised_components with `paper_result_needs_electronic`).
    ISSUED_UNFILED = 6, _("trả kết quả giấy chưa có tệp")
    # Synchronised: `day` the later of its receipt and its first dossier
    # synchronisation row (DongBoHoSoMC) queued, `end_day` the day it ended
    # (OPEN_END while open); counted as DISLIKED is (formulas.synchronised).
    SYNCED = 7, _("đã đồng bộ")
    # Late synchronisation sent late (rollups/facts.sync_late): per dossier,
    # +1 / −1 rows whose sum over `day` ≤ the period's last day and `end_day`
    # ≥ its first day is 1 exactly when one of its sent rows was late for it.
    SYNC_LATE = 8, _("đồng bộ trễ")


class Counter(models.Model):
    """Exact counts of dossiers per period, role and key (egov/onestop/reports/rollups/).

    The key columns hold plain ids (0: none) rather than foreign keys: a row
    is a sum, never joined, and the upsert that maintains it needs NOT NULL
    columns in its unique key (NULLs never conflict).
    """

    # DailyCount: the local day; MonthlyCount: the first day of the month.
    day = models.DateField(_("ngày"))
    role = models.PositiveSmallIntegerField(_("loại"), choices=RollupRole.choices)
    # RETURNED, DISLIKED and ISSUED_UNFILED rows: the day the dossier ended
    # (exact, also in MonthlyCount; OPEN_END for one still open);
    # every other row: the dossier's own day (DailyCount) or month (MonthlyCount).
    end_day = models.DateField(_("ngày kết thúc"))
    receiving_unit_id = models.IntegerField(_("đơn vị tiếp nhận"))
    agency_id = models.IntegerField(_("cơ quan giải quyết"))
    procedure_id = models.IntegerField(_("thủ tục"))
    channel = models.PositiveSmallIntegerField(_("kênh nộp"))
    dossiers = models.BigIntegerField(_("số hồ sơ"), default=0)
    # The measures below only on ENDED rows, except `supplemented` (also RECEIVED).
    early = models.BigIntegerField(_("trước hạn"), default=0)
    on_time = models.BigIntegerField(_("đúng hạn"), default=0)
    late = models.BigIntegerField(_("quá hạn"), default=0)
    supplemented = models.BigIntegerField(_("có yêu cầu bổ sung"), default=0)
    refused = models.BigIntegerField(_("từ chối giải quyết"), default=0)
    withdrawn = models.BigIntegerField(_("rút hồ sơ"), default=0)
    stopped = models.BigIntegerField(_("dừng xử lý"), default=0)
    # Status 9 or 10: the RETURNED rows split them by the period's end.
    finished = models.BigIntegerField(_("đã xử lý xong"), default=0)
    processing_seconds = models.BigIntegerField(_("thời gian giải quyết (giây)"), default=0)
    # RECEIVED rows: what the indicator set counts of the new dossiers
    # (formulas.py): paid through a gateway; asked an amount while paused (and
    # of those, paid); every received document scanned (at least one).
    paid = models.BigIntegerField(_("thanh toán trực tuyến"), default=0)
    amount_asked = models.BigIntegerField(_("có khoản phải nộp"), default=0)
    paid_asked = models.BigIntegerField(_("đã nộp khoản phải nộp"), default=0)
    digitised = models.BigIntegerField(_("số hóa đủ thành phần"), default=0)
    # ENDED rows: status 9 or 10 with the result file (electronic_results).
    with_result_file = models.BigIntegerField(_("có tệp kết quả"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.day} {self.dossiers}"


KEY_FIELDS = ["day", "role", "end_day", "receiving_unit_id", "agency_id", "procedure_id", "channel"]


class DailyCount(Counter):
    class Meta:
        verbose_name = _("số liệu tổng hợp theo ngày")
        verbose_name_plural = _("số liệu tổng hợp theo ngày")
        constraints = [models.UniqueConstraint(fields=KEY_FIELDS, name="reports_daily_count_key")]
        indexes = [models.Index(fields=["role", "day"], name="reports_daily_count_role_day")]


class MonthlyCount(Counter):
    """The same counts per month: a period's whole months and the history
    before it are read here, a dozen rows per key and year instead of 365."""

    class Meta:
        verbose_name = _("số liệu tổng hợp theo tháng")
        verbose_name_plural = _("số liệu tổng hợp theo tháng")
        constraints = [models.UniqueConstraint(fields=KEY_FIELDS, name="reports_monthly_count_key")]
        indexes = [models.Index(fields=["role", "day"], name="reports_monthly_count_role_day")]


class DossierFact(models.Model):
    """What one dossier adds to `DailyCount` now: the keys and amounts (a JSON list).

    Kept so that a change subtracts exactly what the dossier added before,
    whatever the change was (rollups/maintain.py).
    """

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    entries = models.JSONField(_("đóng góp"), default=list)

    class Meta:
        verbose_name = _("đóng góp của hồ sơ vào số liệu tổng hợp")
        verbose_name_plural = _("đóng góp của hồ sơ vào số liệu tổng hợp")

    def __str__(self) -> str:
        return f"#{self.dossier_id}"
