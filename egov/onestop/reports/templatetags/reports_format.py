"""Cells of the report tables, as the tables module shows them."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from egov.onestop.reports import charts
from egov.onestop.reports.indicators.scoring import Indicator
from egov.onestop.reports.tables import Share, display, is_number

register = template.Library()


@register.filter
def cell(value: Any) -> str:
    return display(value)


@register.filter
def numeric(value: Any) -> bool:
    """Right-align numbers."""
    return is_number(value)


@register.filter
def percent(value: float | None) -> str:
    return display(None if value is None else Share(value))


@register.simple_tag
def indicator_meter(indicator: Indicator) -> SafeString:
    """The indicator's share against its threshold (full points at the mark)."""
    return charts.meter(indicator.value, float(indicator.target), charts.ON_TIME)
