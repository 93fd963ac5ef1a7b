"""The forms of the register (staff) and of the online petition (citizen)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.platform.organisation.models import Unit
from egov.voice.complaints.models import Channel, Kind
from egov.voice.complaints.services import Letter


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Kind.choices)
    petitioner_name = forms.CharField(label=_("Họ tên người gửi đơn"), max_length=150)
    petitioner_id_number = forms.CharField(
        label=_("Số định danh cá nhân"), max_length=12, required=False
    )
    petitioner_address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    petitioner_contact = forms.CharField(
        label=_("Điện thoại, thư điện tử"), max_length=254, required=False
    )
    respondent = forms.CharField(label=_("Người, cơ quan bị khiếu nại/tố cáo"), max_length=300)
    summary = forms.CharField(label=_("Tóm tắt nội dung"), max_length=300)
    content = forms.CharField(label=_("Nội dung đơn"), widget=forms.Textarea(attrs={"rows": 6}))
    request = forms.CharField(
        label=_("Yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def letter(self) -> Letter:
        data = self.cleaned_data
        return Letter(
            kind=data["kind"],
            petitioner_name=data["petitioner_name"],
            petitioner_id_number=data["petitioner_id_number"],
            petitioner_address=data["petitioner_address"],
            petitioner_contact=data["petitioner_contact"],
            respondent=data["respondent"],
            summary=data["summary"],
            content=data["content"],
            request=data["request"],
        )


class RecordForm(LetterForm):
    addressed_to = forms.ModelChoiceField(label=_("Cơ quan nhận đơn"), queryset=Unit.objects.none())
    channel = forms.ChoiceField(
        label=_("Nguồn đơn"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    repeat_of = forms.CharField(label=_("Trùng nội dung với đơn số"), max_length=12, required=False)
    first_instance = forms.CharField(
        label=_("Khiếu nại lần hai: số đơn khiếu nại lần đầu"), max_length=12, required=False
    )
    delay_reason = forms.CharField(
        label=_("Lý do khiếu nại lần hai quá thời hạn (trở ngại khách quan)"),
        max_length=500,
        required=False,
    )
    identifying = forms.BooleanField(
        label=_("Tệp đính kèm có thông tin nhận diện người gửi"), required=False, initial=True
    )

    def __init__(self, *args: object, units: list[Unit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["addressed_to"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units])


class CitizenForm(LetterForm):
    addressed_to = forms.ModelChoiceField(
        label=_("Gửi đến"),
        queryset=Unit.objects.filter(is_active=True, kind__in=["province", "commune"]),
    )
