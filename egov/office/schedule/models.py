"""The leaders' weekly schedule (lịch công tác tuần) of a unit.

The office (văn phòng: the clerks) drafts the week's entries, a leader of the
unit approves them by publishing the week, and the published week appears on
the unit's public page and as a printable PDF. An entry changed or cancelled
after publication stays public with a mark, so that the people invited see
what changed; the next publication takes the changes in and clears the marks.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class WeeklySchedule(models.Model):
    class Status(models.TextChoices):
        # Being prepared by the office; not public.
        DRAFT = "draft", _("Dự thảo")
        # Approved by a leader and public; later changes are marked.
        PUBLISHED = "published", _("Đã công bố")

    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    week_start = models.DateField(_("tuần bắt đầu (thứ Hai)"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    revision = models.PositiveIntegerField(
        _("lần công bố"), default=0, help_text=_("0 khi chưa công bố; tăng 1 mỗi lần công bố.")
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt, công bố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lịch công tác tuần")
        verbose_name_plural = _("lịch công tác tuần")
        ordering = ["-week_start", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "week_start"], name="schedule_one_per_week"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.week_label}"

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)

    @property
    def week_label(self) -> str:
        year, week, _day = self.week_start.isocalendar()
        return gettext("Tuần %(week)s/%(year)s (từ %(start)s đến %(end)s)") % {
            "week": week,
            "year": year,
            "start": f"{self.week_start:%d/%m/%Y}",
            "end": f"{self.week_end:%d/%m/%Y}",
        }


class ScheduleEntry(models.Model):
    schedule = models.ForeignKey(
        WeeklySchedule,
        verbose_name=_("lịch tuần"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    day = models.DateField(_("ngày"))
    start_time = models.TimeField(_("từ giờ"))
    end_time = models.TimeField(_("đến giờ"), null=True, blank=True)
    content = models.TextField(_("nội dung"))
    chair = models.CharField(_("chủ trì"), max_length=200)
    participants = models.TextField(_("thành phần"), blank=True)
    place = models.CharField(_("địa điểm"), max_length=200)
    preparing_unit = models.CharField(_("đơn vị chuẩn bị"), max_length=200, blank=True)
    # Marks for the public: set when the entry changes after the week was
    # published, cleared when the week is published again.
    changed_after_publication = models.BooleanField(_("điều chỉnh sau khi công bố"), default=False)
    cancelled = models.BooleanField(_("đã hủy, hoãn"), default=False)
    changed_at = models.DateTimeField(_("điều chỉnh lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mục lịch công tác")
        verbose_name_plural = _("mục lịch công tác")
        ordering = ["day", "start_time", "pk"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.start_time:%H:%M} {self.content[:60]}"
