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
