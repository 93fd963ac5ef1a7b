"""The statistics' filters (GET): the unit and the period, dates as dd/mm/yyyy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from egov.platform.organisation.models import Unit
from egov.platform.web.widgets import VietnameseDateInput

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class PeriodForm(forms.Form):
    don_vi = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none(), required=False, empty_label=None
    )
    tu = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=VietnameseDateInput(),
        error_messages={"invalid": _("Nhập ngày theo dạng ngày/tháng/năm.")},
    )
    den = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=VietnameseDateInput(),
        error_messages={"invalid": _("Nhập ngày theo dạng ngày/tháng/năm.")},
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = units  # type: ignore[attr-defined]
