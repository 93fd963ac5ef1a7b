"""The numbers of the announcements of conformity (số, ký hiệu; issue 19 item 4).

Decree 30/2020/NĐ-CP art. 15: numbers run from 01 on 1 January to 31
December, gapless, unique in the year. `AnnouncementSeries` is the agency's
counter for a year, locked while a number is taken (numbering.py), so two
heads issuing at once get consecutive numbers and a failed issue gives its
number back. `IssuedAnnouncement` is what was numbered: the same list of
editions printed again keeps its number; a changed list (the scope changed,
Decision 19/2014/QĐ-TTg has the agency announce again) takes the next one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnouncementSeries(models.Model):
    agency = models.ForeignKey(
        "organisation.Unit", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("dãy số công bố")
        verbose_name_plural = _("dãy số công bố")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="quality_series_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last_number}"


class IssuedAnnouncement(models.Model):
    agency = models.ForeignKey(
        "organisation.Unit", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    notation = models.CharField(_("số, ký hiệu"), max_length=60)
    # SHA-256 of the editions announced (code and edition number, in order).
    fingerprint = models.CharField(_("dấu vân tay"), max_length=64)
    issued_at = models.DateTimeField(_("lập lúc"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bản công bố đã cấp số")
        verbose_name_plural = _("bản công bố đã cấp số")
        ordering = ["agency", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="quality_announcement_number"
            )
        ]

    def __str__(self) -> str:
        return self.notation
