"""The search box and its filters, and the register book's period (GET forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.office.documents.models import DocumentType, IncomingStatus, Register
from egov.office.search.selectors import Criteria
from egov.office.search.text import MAX_QUERY_CHARS
from egov.platform.organisation.models import Unit
from egov.platform.web.widgets import VietnameseDateInput

DATE_INPUT = VietnameseDateInput()


class RegisterChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Register) -> str:
        return f"{obj.name} {obj.year} – {obj.body.name}"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=MAX_QUERY_CHARS)
    loai = forms.ModelChoiceField(
        label=_("Loại văn bản"),
        queryset=DocumentType.objects.filter(is_active=True),
        required=False,
        empty_label=_("Mọi loại"),
    )
    so = RegisterChoiceField(
        label=_("Sổ văn bản"),
        queryset=Register.objects.none(),
        required=False,
        empty_label=_("Mọi sổ"),
    )
    co_quan = forms.ModelChoiceField(
        label=_("Cơ quan nhận"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Mọi cơ quan"),
    )
    tu = forms.DateField(label=_("Đến từ ngày"), required=False, widget=DATE_INPUT)
    den = forms.DateField(label=_("đến ngày"), required=False, widget=DATE_INPUT)
    trang_thai = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Mọi trạng thái")), *IncomingStatus.choices],
    )
    don_vi = forms.ModelChoiceField(
        label=_("Đơn vị xử lý"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Mọi đơn vị"),
    )
    nguoi_xu_ly = forms.CharField(label=_("Người xử lý"), required=False, max_length=100)

    def __init__(self, *args: Any, registers: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        so = self.fields["so"]
        assert isinstance(so, forms.ModelChoiceField)  # noqa: S101 - declared above
        so.queryset = registers
        don_vi = self.fields["don_vi"]
        assert isinstance(don_vi, forms.ModelChoiceField)  # noqa: S101 - declared above
        don_vi.queryset = units
        co_quan = self.fields["co_quan"]
        assert isinstance(co_quan, forms.ModelChoiceField)  # noqa: S101 - declared above
        co_quan.queryset = Unit.objects.filter(pk__in=registers.values("body")).order_by("path")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu"), data.get("den")
        if start and end and start > end:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “đến ngày”."))
        return data

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        return Criteria(
            text=data.get("q") or "",
            document_type_id=data["loai"].pk if data.get("loai") else None,
            register_id=data["so"].pk if data.get("so") else None,
            body_id=data["co_quan"].pk if data.get("co_quan") else None,
            arrived_from=data.get("tu"),
            arrived_to=data.get("den"),
            status=data.get("trang_thai") or "",
            holder_unit_id=data["don_vi"].pk if data.get("don_vi") else None,
            holder_user=data.get("nguoi_xu_ly") or "",
        )


class PeriodForm(forms.Form):
    tu = forms.DateField(label=_("Từ ngày"), required=False, widget=DATE_INPUT)
    den = forms.DateField(label=_("Đến ngày"), required=False, widget=DATE_INPUT)
