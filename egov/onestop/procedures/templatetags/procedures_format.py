"""How amounts, durations and channels of a procedure are written for people."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from egov.onestop.procedures.fees import FeeQuote
from egov.onestop.procedures.models import Procedure

register = template.Library()


def _number(value: Decimal | int) -> str:
    """Vietnamese style: "." groups thousands, "," marks decimals (1.234,5)."""
    decimal = Decimal(value).normalize()
    if decimal == decimal.to_integral_value():
        decimal = decimal.quantize(Decimal(1))
    whole, _dot, fraction = f"{decimal:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


@register.filter
def vnd(amount: int) -> str:
    if amount == 0:
        return _("Miễn phí")
    return _("%s đồng") % _number(amount)


@register.filter
def fee_text(quote: FeeQuote) -> str:
    """A quote for people: its amount, "Miễn phí", or why there is none yet."""
    total = quote.total_vnd
    if total is None:
        return _("Do Hội đồng nhân dân tỉnh quyết định, chưa cập nhật mức thu")
    return vnd(total)


@register.filter
def duration(procedure: Procedure) -> str:
    if procedure.processing_hours is not None:
        return _("%s giờ làm việc") % _number(procedure.processing_hours)
    if procedure.processing_days is not None:
        return _("%s ngày làm việc") % _number(procedure.processing_days)
    return _("Không quy định")


@register.filter
def is_free(procedure: Procedure) -> bool:
    """Free only when nothing is charged and no note qualifies it."""
    return (
        procedure.fee_vnd == 0
        and procedure.charge_vnd == 0
        and not procedure.fee_set_by_council
        and not procedure.fee_note
    )


@register.filter
def channels(procedure: Procedure) -> list[str]:
    names = [
        (procedure.channel_direct, _("Trực tiếp")),
        (procedure.channel_online, _("Trực tuyến")),
        (procedure.channel_postal, _("Qua dịch vụ bưu chính")),
    ]
    return [name for offered, name in names if offered]
