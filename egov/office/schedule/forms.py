from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.platform.web.widgets import VietnameseDateInput

from .services import EntryData


class EntryForm(forms.Form):
    day = forms.DateField(label=_("Ngày"), widget=VietnameseDateInput())
    start_time = forms.TimeField(
        label=_("Từ giờ"), widget=forms.TimeInput(attrs={"placeholder": "08:00"})
    )
    end_time = forms.TimeField(
        label=_("Đến giờ"), required=False, widget=forms.TimeInput(attrs={"placeholder": "11:00"})
    )
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    chair = forms.CharField(label=_("Chủ trì"), max_length=200)
    participants = forms.CharField(
        label=_("Thành phần"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    preparing_unit = forms.CharField(label=_("Đơn vị chuẩn bị"), max_length=200, required=False)

    def entry_data(self) -> EntryData:
        data = self.cleaned_data
        return EntryData(
            day=data["day"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            content=data["content"].strip(),
            chair=data["chair"].strip(),
            place=data["place"].strip(),
            participants=data["participants"].strip(),
            preparing_unit=data["preparing_unit"].strip(),
        )
