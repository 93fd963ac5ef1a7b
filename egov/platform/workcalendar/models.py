from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from egov.platform.workcalendar.baseline import baseline_is_working_day


class CalendarDecision(models.Model):
    """An official decision on days off and make-up working days.

    Each year the Prime Minister (or the Ministry of Home Affairs by his
    instruction) fixes the exact Tết days and any swaps, under Labour Code
    2019 art. 112. Administrators enter it here; it overrides the baseline.
    """

    reference = models.CharField(
        _("số, ký hiệu văn bản"),
        max_length=100,
        unique=True,
        help_text=_("Ví dụ: Công văn 7918/BNV-CVL hoặc Quyết định 1234/QĐ-TTg."),
    )
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    summary = models.TextField(_("trích yếu"), blank=True)
    created_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định nghỉ lễ, làm bù")
        verbose_name_plural = _("quyết định nghỉ lễ, làm bù")
        ordering = ["-issued_on", "reference"]

    def __str__(self) -> str:
        return self.reference


class DayKind(models.TextChoices):
    # An extra day off (e.g. a bridge day before a holiday).
    DAY_OFF = "day_off", _("Ngày nghỉ")
    # A weekend day declared a working day to make up for a bridge day.
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarDay(models.Model):
    """One date whose status a decision sets, overriding the baseline."""

    decision = models.ForeignKey(
        CalendarDecision,
        verbose_name=_("quyết định"),
        on_delete=models.CASCADE,
        related_name="days",
    )
    date = models.DateField(
        pgettext_lazy("calendar day field", "ngày"),
        unique=True,
        error_messages={"unique": _("Ngày này đã được một quyết định khác quy định.")},
    )
    kind = models.CharField(_("loại ngày"), max_length=12, choices=DayKind.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ngày theo quyết định")
        verbose_name_plural = _("ngày theo quyết định")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.date is None:
            return
        baseline = baseline_is_working_day(self.date)
        if self.kind == DayKind.WORKING_DAY and baseline:
            raise ValidationError(
                {"kind": _("Ngày này vốn đã là ngày làm việc; chỉ đặt làm bù cho ngày nghỉ.")}
            )
        if self.kind == DayKind.DAY_OFF and not baseline:
            raise ValidationError({"kind": _("Ngày này vốn đã là ngày nghỉ.")})
