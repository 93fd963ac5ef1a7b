"""The specialist's draft form, the new-version form and the reviewers' comment form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from egov.office.documents.forms import PersonChoice
from egov.office.documents.models import (
    IN_FORCE,
    DocumentType,
    OutgoingDocument,
    Relation,
    Secrecy,
    Urgency,
)
from egov.office.documents.selectors_outgoing import reviewers_of, signers_of
from egov.office.exchange.directory import directory
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit


class IssuedChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.notation} – {obj.summary[:80]}"


class DraftForm(forms.Form):
    document_type = forms.ModelChoiceField(
        label=_("Loại văn bản"), queryset=DocumentType.objects.filter(is_active=True)
    )
    summary = forms.CharField(
        label=_("Trích yếu nội dung"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, initial=Secrecy.NONE)
    reviewer = PersonChoice(
        label=_("Lãnh đạo phòng xem xét"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("(không qua lãnh đạo phòng: trình ký thẳng)"),
    )
    signer = PersonChoice(label=_("Người ký"), queryset=User.objects.none())
    internal_units = forms.ModelMultipleChoiceField(
        label=_("Nơi nhận trong hệ thống"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    exchange_agencies = forms.MultipleChoiceField(
        label=_("Gửi liên thông điện tử (danh bạ cơ quan)"),
        choices=[],
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    external_names = forms.CharField(
        label=_("Nơi nhận bên ngoài (mỗi dòng một cơ quan)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    relation = forms.ChoiceField(
        label=_("Văn bản này"), choices=Relation.choices, required=False, initial=Relation.NONE
    )
    related = IssuedChoice(
        label=_("Văn bản bị thu hồi, thay thế, đính chính"),
        queryset=OutgoingDocument.objects.none(),
        required=False,
    )
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False)
    signature_required = forms.BooleanField(
        label=_("Lãnh đạo ký số khi duyệt"), required=False, initial=False
    )
    file = forms.FileField(label=_("Tệp dự thảo (DOCX hoặc PDF)"))
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        body: Unit,
        drafting_unit: Unit,
        issued: QuerySet[OutgoingDocument],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = signers_of(body)  # type: ignore[attr-defined]
        self.fields["reviewer"].queryset = reviewers_of(drafting_unit)  # type: ignore[attr-defined]
        self.fields["internal_units"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(is_active=True).exclude(pk=body.pk).order_by("path")
        )
        self.fields["exchange_agencies"].choices = [  # type: ignore[attr-defined]
            (a.organ_id, f"{a.name} ({a.organ_id})")
            for a in directory()
            if a.organ_id != body.agency_code
        ]
        self.fields["related"].queryset = issued.filter(  # type: ignore[attr-defined]
            body=body, status__in=IN_FORCE
        ).order_by("-issued_at", "-pk")
        if not self.is_bound:
            first = signers_of(body).first()
            if first is not None:
                self.initial.setdefault("signer", first.pk)
            head = reviewers_of(drafting_unit).first()
            if head is not None:
                self.initial.setdefault("reviewer", head.pk)

    def outside(self) -> list[str]:
        return [
            line
            for line in self.cleaned_data.get("external_names", "").splitlines()
            if line.strip()
        ]


class VersionForm(forms.Form):
    file = forms.FileField(label=_("Tệp dự thảo mới (DOCX hoặc PDF)"))
    note = forms.CharField(
        label=_("Nội dung sửa"), max_length=2000, required=False, widget=forms.TextInput()
    )
