"""Citizen reception (tiếp công dân), Law on Citizen Reception 2013 (42/2013/QH13).

The register (sổ tiếp công dân) keeps, per reception: the date, the kind of
reception, the receiving officer, the place, the citizen or the delegation
and its size, the content, how it was handled, the lead and coordinating
units, the deadline, the result, whether the citizen asked to meet a
leader and the appointment (DOMAIN.md; the exact columns of the circular's
form could not be checked here). What a reception led to is a link to the
petition it was recorded as (egov/voice/complaints).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceptionKind(models.TextChoices):
    # Regular reception by the reception officers (thường xuyên).
    REGULAR = "regular", _("Tiếp thường xuyên")
    # The leader's regular reception day (định kỳ), art. 12-15.
    LEADER_DAY = "leader_day", _("Lãnh đạo tiếp định kỳ")
    # Unscheduled reception by a leader (đột xuất).
    UNSCHEDULED = "unscheduled", _("Lãnh đạo tiếp đột xuất")


class Matter(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    FEEDBACK = "feedback", _("Phản ánh")


class Handling(models.TextChoices):
    GUIDED = "guided", _("Hướng dẫn, giải thích")
    LETTER_RECEIVED = "letter_received", _("Tiếp nhận đơn")
    FORWARDED = "forwarded", _("Chuyển cơ quan có thẩm quyền")
    ANSWERED = "answered", _("Trả lời trực tiếp")


class ReceptionDay(models.Model):
    """A leader's regular reception day, published on the public schedule."""

    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="reception_days",
    )
    leader = models.ForeignKey(
        "accounts.User", verbose_name=_("lãnh đạo tiếp"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("ngày tiếp"))
    place = models.CharField(_("địa điểm"), max_length=300)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lịch tiếp công dân định kỳ")
        verbose_name_plural = _("lịch tiếp công dân định kỳ")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "leader", "date"], name="voice_rec_day_once"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.unit}"


class Reception(models.Model):
    """One line of the reception register."""

    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="receptions",
    )
    received_at = models.DateTimeField(_("ngày tiếp"))
    kind = models.CharField(_("hình thức tiếp"), max_length=12, choices=ReceptionKind.choices)
    day = models.ForeignKey(
        ReceptionDay,
        verbose_name=_("lịch tiếp định kỳ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="receptions",
    )
    officer = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("người tiếp")
    )
    place = models.CharField(_("địa điểm"), max_length=300)
    citizen_name = models.CharField(_("họ tên công dân / người đại diện"), max_length=150)
    citizen_id_number = models.CharField(_("số định danh"), max_length=12, blank=True)
    citizen_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    # 1 for one citizen; a delegation (đoàn đông người) gives its size.
    people = models.PositiveSmallIntegerField(_("số người"), default=1)
    # A delegation's other representatives, beside `citizen_name` (the first):
    # one name per item (services.GROUP_REPRESENTATIVES_MAX).
    representatives = models.JSONField(_("người đại diện khác của đoàn"), default=list, blank=True)
    matter = models.CharField(_("loại việc"), max_length=16, choices=Matter.choices)
    content = models.TextField(_("nội dung"))
    handling = models.CharField(_("hướng xử lý"), max_length=16, choices=Handling.choices)
    lead_unit = models.CharField(_("cơ quan chủ trì"), max_length=300, blank=True)
    coordinating_units = models.CharField(_("cơ quan phối hợp"), max_length=300, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)
    wants_leader = models.BooleanField(_("đề nghị gặp lãnh đạo"), default=False)
    appointment = models.DateTimeField(_("lịch hẹn gặp lãnh đạo"), null=True, blank=True)
    petition = models.ForeignKey(
        "voice_complaints.Petition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="receptions",
        verbose_name=_("đơn được vào sổ"),
    )

    class Meta:
        verbose_name = _("lượt tiếp công dân")
        verbose_name_plural = _("sổ tiếp công dân")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.received_at:%d/%m/%Y} #{self.pk}"

    @property
    def is_group(self) -> bool:
        # Decree 64/2014/NĐ-CP art. 4: five or more people on the same matter
        # are received as a group through representatives (number to confirm).
        return self.people >= 5
