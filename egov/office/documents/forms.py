"""The clerk's registration form and the leader's assignment form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.office.documents.models import Channel, DocumentType, Secrecy, Urgency
from egov.office.documents.selectors import assignable_people, assignable_units, leaders_of
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit
from egov.platform.web.widgets import VietnameseDateInput


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PeopleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class RegisterIncomingForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Hình thức nhận"), choices=Channel.choices, widget=forms.RadioSelect
    )
    arrived_at = forms.DateTimeField(
        label=_("Ngày giờ đến"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    sender = forms.CharField(label=_("Cơ quan ban hành (tác giả)"), max_length=255)
    notation = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "15/QĐ-UBND"}),
    )
    issued_on = forms.DateField(label=_("Ngày văn bản"), widget=VietnameseDateInput())
    document_type = forms.ModelChoiceField(
        label=_("Loại văn bản"), queryset=DocumentType.objects.filter(is_active=True)
    )
    summary = forms.CharField(
        label=_("Trích yếu nội dung"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, initial=Secrecy.NONE)
    pages = forms.IntegerField(label=_("Số trang"), min_value=1, max_value=10000, initial=1)
    leader = PersonChoice(label=_("Trình lãnh đạo"), queryset=User.objects.none())
    file = forms.FileField(label=_("Tệp văn bản (PDF)"))
    confirm_duplicate = forms.BooleanField(
        label=_("Tôi đã kiểm tra: vẫn vào sổ văn bản này"), required=False
    )

    def __init__(self, *args: Any, body: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders_of(body)  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault(
                "arrived_at", timezone.localtime().replace(second=0, microsecond=0)
            )
            self.initial.setdefault("issued_on", timezone.localdate())
            self.initial.setdefault("channel", Channel.PAPER)
            first = leaders_of(body).first()
            if first is not None:
                self.initial.setdefault("leader", first.pk)


class AssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.none(), required=False
    )
    lead_user = PersonChoice(
        label=_("Hoặc cá nhân chủ trì"), queryset=User.objects.none(), required=False
    )
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    coordinating_users = PeopleChoice(
        label=_("Cá nhân phối hợp"), queryset=User.objects.none(), required=False
    )
    information_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị nhận để biết"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    information_users = PeopleChoice(
        label=_("Cá nhân nhận để biết"), queryset=User.objects.none(), required=False
    )
    instructions = forms.CharField(
        label=_("Ý kiến chỉ đạo (bút phê)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    working_days = forms.IntegerField(
        label=_("Hạn xử lý (ngày làm việc)"), min_value=1, max_value=365, required=False
    )

    def __init__(self, *args: Any, body: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = assignable_units(body).exclude(pk=body.pk)
        people = assignable_people(body)
        for name in ("lead_unit", "coordinating_units", "information_units"):
            self.fields[name].queryset = units  # type: ignore[attr-defined]
        for name in ("lead_user", "coordinating_users", "information_users"):
            self.fields[name].queryset = people  # type: ignore[attr-defined]


class ForwardForm(forms.Form):
    specialist = PersonChoice(label=_("Chuyên viên xử lý"), queryset=User.objects.none())
    note = forms.CharField(
        label=_("Ý kiến"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    working_days = forms.IntegerField(
        label=_("Hạn xử lý (ngày làm việc)"), min_value=1, max_value=365, required=False
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = assignable_people(unit)  # type: ignore[attr-defined]
