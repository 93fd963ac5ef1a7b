"""The reports' one state change: a figure entered for an indicator the platform cannot compute."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.reports.errors import ReportError
from egov.onestop.reports.indicators.definition import definition_for
from egov.onestop.reports.models import EnteredFigure
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit

# Who answers for the unit's figures: its leaders and heads, and the administrators.
MAY_ENTER = (Role.LEADER, Role.HEAD, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class Figure:
    indicator: str
    first: date
    last: date
    numerator: int
    denominator: int
    source: str


def may_enter(user: User, unit: Unit) -> bool:
    return has_role_over(user, unit, MAY_ENTER)


def _check(figure: Figure) -> None:
    found = definition_for(figure.last).indicator(figure.indicator)
    if found is None or not found[1].entered:
        raise InvalidInput(
            ReportError.FIGURE_NOT_ENTERED, _("Chỉ số này không nhập số liệu bằng tay.")
        )
    if figure.first > figure.last:
        raise InvalidInput(ReportError.FIGURE_INVALID, _("Từ ngày phải trước đến ngày."))
    if not 0 <= figure.numerator <= figure.denominator:
        raise InvalidInput(ReportError.FIGURE_INVALID, _("Số đạt phải từ 0 đến tổng số."))
    if not figure.source.strip():
        raise InvalidInput(ReportError.FIGURE_INVALID, _("Hãy ghi nguồn của số liệu."))


@transaction.atomic(durable=True)
def enter_figure(*, actor: User, unit: Unit, figure: Figure) -> EnteredFigure:
    """Enter (or correct) a unit's figure for one indicator and period, audited."""
    if not may_enter(actor, unit):
        raise PermissionDenied(
            ReportError.FIGURE_NOT_ALLOWED,
            _("Chỉ lãnh đạo, quản trị của đơn vị được nhập số liệu chỉ số."),
        )
    _check(figure)
    row = (
        EnteredFigure.objects.select_for_update()
        .filter(unit=unit, indicator=figure.indicator, first=figure.first, last=figure.last)
        .first()
    )
    before = None if row is None else [row.numerator, row.denominator, row.source]
    if row is None:
        row = EnteredFigure(
            unit=unit, indicator=figure.indicator, first=figure.first, last=figure.last
        )
    row.numerator, row.denominator = figure.numerator, figure.denominator
    row.source, row.entered_by = figure.source.strip(), actor
    row.save()
    record_event(
        event_type="reports.figure_entered",
        actor=actor,
        target=row,
        unit=unit,
        details={
            "indicator": figure.indicator,
            "first": figure.first.isoformat(),
            "last": figure.last.isoformat(),
            "figure": [row.numerator, row.denominator, row.source],
            "before": before,
        },
    )
    return row
