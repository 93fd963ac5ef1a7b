from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.office.documents.selectors import assignable_people
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit
from egov.platform.web.widgets import VietnameseDateInput

from .models import Discard, Rights
from .services import Entry


class PersonField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class EntryForm(forms.Form):
    notation = forms.CharField(
        label=_("Số và ký hiệu hồ sơ"),
        max_length=30,
        widget=forms.TextInput(attrs={"placeholder": "01.TP"}),
    )
    title = forms.CharField(
        label=_("Tiêu đề hồ sơ"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    retention_years = forms.IntegerField(
        label=_("Thời hạn bảo quản (năm)"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Để trống nếu bảo quản vĩnh viễn. Từ 5 năm trở lên phải nộp lưu."),
    )
    rights = forms.ChoiceField(
        label=_("Chế độ sử dụng"), choices=Rights.choices, initial=Rights.RESTRICTED
    )
    responsible = PersonField(
        label=_("Người lập hồ sơ"), queryset=User.objects.none(), empty_label=None
    )

    def __init__(self, *args: object, unit: Unit, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["responsible"]
        assert isinstance(field, PersonField)  # noqa: S101 - declared above
        field.queryset = assignable_people(unit)

    def entry(self) -> Entry:
        data = self.cleaned_data
        return Entry(
            notation=data["notation"],
            title=data["title"],
            retention_years=data["retention_years"],
            responsible=data["responsible"],
            rights=data["rights"],
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung ghi chú"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    dated = forms.DateField(
        label=_("Ngày"),
        required=False,
        widget=VietnameseDateInput(),
        help_text=_("Để trống: hôm nay."),
    )
    file = forms.FileField(label=_("Tệp PDF kèm theo"), required=False)


class MarkForm(forms.Form):
    discard = forms.ChoiceField(choices=Discard.choices, required=False)
