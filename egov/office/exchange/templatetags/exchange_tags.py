from __future__ import annotations

from django import template

from egov.office.exchange.selectors import status_label as _label

register = template.Library()


@register.filter
def status_label(code: str) -> str:
    return _label(code)
