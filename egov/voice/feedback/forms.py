"""The forms of the feedback pages; the services check everything again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.platform.organisation.models import Unit
from egov.voice.feedback.models import Rating, Subject, Topic
from egov.voice.feedback.services import Submission


class SendForm(forms.Form):
    addressed_to = forms.ModelChoiceField(
        label=_("Gửi đến cơ quan"), queryset=Unit.objects.none(), empty_label=None
    )
    subject = forms.ChoiceField(label=_("Phản ánh về"), choices=Subject.choices)
    topic = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Topic.objects.filter(is_active=True), required=False
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    content = forms.CharField(label=_("Nội dung"), max_length=10000, widget=forms.Textarea)
    procedure_name = forms.CharField(label=_("Thủ tục liên quan"), max_length=300, required=False)
    dossier_code = forms.CharField(
        label=_("Mã hồ sơ (nếu phản ánh về một hồ sơ đã nộp)"), max_length=64, required=False
    )
    place = forms.CharField(label=_("Địa điểm (nếu có)"), max_length=300, required=False)
    latitude = forms.DecimalField(label=_("Vĩ độ"), required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(
        label=_("Kinh độ"), required=False, max_digits=10, decimal_places=6
    )
    sender_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    sender_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    sender_email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    sender_address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    # The honeypot: hidden from people by the page's CSS, filled in by bots.
    website = forms.CharField(label=_("Trang web"), required=False)

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["addressed_to"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")

    def submission(self) -> Submission:
        data = self.cleaned_data
        lat: Decimal | None = data.get("latitude")
        lon: Decimal | None = data.get("longitude")
        return Submission(
            subject=data["subject"],
            title=data["title"],
            content=data["content"],
            topic=data.get("topic"),
            procedure_name=data.get("procedure_name") or "",
            dossier_code=data.get("dossier_code") or "",
            sender_name=data.get("sender_name") or "",
            sender_phone=data.get("sender_phone") or "",
            sender_email=data.get("sender_email") or "",
            sender_address=data.get("sender_address") or "",
            place=data.get("place") or "",
            latitude=lat,
            longitude=lon,
        )


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("Đánh giá"), choices=Rating.choices)


class DialogueFilter(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    linh_vuc = forms.IntegerField(label=_("Lĩnh vực"), required=False)
    don_vi = forms.IntegerField(label=_("Đơn vị"), required=False)
    thuong_gap = forms.BooleanField(label=_("Câu hỏi thường gặp"), required=False)
