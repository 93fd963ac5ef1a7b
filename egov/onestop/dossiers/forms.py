"""Forms of the one-stop desk pages: the reception form and the action panel.

They only parse what was posted; the rules (completeness, roles, states)
are the services', which raise DomainError with the message to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from egov.onestop.dossiers.models import ApplicantKind, ReceptionDraftScan, ReturnMethod
from egov.onestop.dossiers.services import Applicant, Outcome, reception_problems
from egov.onestop.procedures.models import Procedure, ProcedureDocument
from egov.platform.organisation.models import Unit

OUTCOME_CHOICES = [
    (Outcome.ACCEPT, _("Tiếp nhận hồ sơ")),
    (Outcome.SUPPLEMENT, _("Yêu cầu bổ sung")),
    (Outcome.REFUSE, _("Từ chối tiếp nhận")),
]


def province_prefix(unit: Unit) -> str:
    return "/" + unit.path.split("/")[1] + "/"


def receivable_procedures(centre: Unit) -> QuerySet[Procedure]:
    """Procedures some agency of the centre's province decides (phi địa giới)."""
    return (
        Procedure.objects.filter(
            is_active=True,
            processes__is_active=True,
            processes__agency__is_active=True,
            processes__agency__path__startswith=province_prefix(centre),
        )
        .distinct()
        .order_by("name", "code")
    )


def deciding_agencies(procedure: Procedure | None, centre: Unit) -> QuerySet[Unit]:
    """Agencies of the centre's province with an active process for `procedure`."""
    if procedure is None:
        return Unit.objects.none()
    return (
        Unit.objects.filter(
            is_active=True,
            path__startswith=province_prefix(centre),
            processes__procedure=procedure,
            processes__is_active=True,
            processes__steps__isnull=False,
        )
        .distinct()
        .order_by("path")
    )


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ReceptionForm(forms.Form):
    # One token per blank form: a second POST of the same form (a double
    # click, a reload) finds the dossier the first one made instead of
    # registering the same citizen twice.
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"),
        queryset=Procedure.objects.none(),
        empty_label=_("— Chọn thủ tục —"),
    )
    agency = forms.ModelChoiceField(
        label=_("Cơ quan giải quyết"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn cơ quan —"),
    )
    applicant_kind = forms.ChoiceField(
        label=_("Người nộp là"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.PERSON,
        widget=forms.RadioSelect,
    )
    applicant_name = forms.CharField(
        label=_("Họ tên/tên tổ chức"),
        max_length=255,
        error_messages={"required": _("Cần nhập họ tên người nộp hồ sơ.")},
    )
    applicant_id_number = forms.CharField(
        label=_("Số CCCD/mã số doanh nghiệp"), max_length=20, required=False
    )
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    applicant_phone = forms.CharField(label=_("Điện thoại"), max_length=16, required=False)
    applicant_email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    delegate_name = forms.CharField(label=_("Người được ủy quyền"), max_length=255, required=False)
    delegate_id_number = forms.CharField(
        label=_("Số CCCD người được ủy quyền"), max_length=20, required=False
    )
    documents = forms.TypedMultipleChoiceField(
        label=_("Giấy tờ đã nhận"), coerce=int, required=False
    )
    outcome = forms.ChoiceField(
        label=_("Kết quả kiểm tra"),
        choices=OUTCOME_CHOICES,
        initial=Outcome.ACCEPT,
        widget=forms.RadioSelect,
    )
    items = forms.CharField(
        label=_("Giấy tờ cần bổ sung (mỗi dòng một loại)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, centre: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.centre = centre
        procedures = receivable_procedures(centre)
        self.fields["procedure"].queryset = procedures  # type: ignore[attr-defined]
        self.selected_procedure = self._selected(procedures)
        self.fields["agency"].queryset = deciding_agencies(  # type: ignore[attr-defined]
            self.selected_procedure, centre
        )
        self.procedure_documents: list[ProcedureDocument] = (
            list(self.selected_procedure.documents.order_by("position", "pk"))
            if self.selected_procedure is not None
            else []
        )
        self.fields["documents"].choices = [  # type: ignore[attr-defined]
            (d.pk, d.name) for d in self.procedure_documents
        ]
        # Set by the view: the scans kept after a refused submit, and the
        # refusal of each scan sent, by procedure document.
        self.kept_scans: Mapping[int, ReceptionDraftScan] = {}
        self.scan_errors: Mapping[int, str] = {}

    def document_rows(self) -> list[tuple[ProcedureDocument, ReceptionDraftScan | None, str]]:
        """Each document of the procedure with its kept scan and its scan's refusal."""
        return [
            (d, self.kept_scans.get(d.pk), self.scan_errors.get(d.pk, ""))
            for d in self.procedure_documents
        ]

    APPLICANT_FIELDS = (
        "applicant_name",
        "applicant_id_number",
        "applicant_address",
        "applicant_phone",
        "applicant_email",
        "delegate_name",
        "delegate_id_number",
    )

    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.APPLICANT_FIELDS]

    def _selected(self, procedures: QuerySet[Procedure]) -> Procedure | None:
        raw = self.data.get("procedure") if self.is_bound else self.initial.get("procedure")
        if raw is None or not str(raw).isdigit():
            return None
        return procedures.filter(pk=int(raw)).first()

    def ticked(self) -> set[int]:
        if not self.is_bound:
            return set()
        data = self.data
        raw = data.getlist("documents") if isinstance(data, QueryDict) else []
        return {int(v) for v in raw if str(v).isdigit()}

    def clean(self) -> dict[str, Any]:
        """Also every problem the reception service would refuse, all at once (issue 17)."""
        cleaned = super().clean() or {}
        problems = reception_problems(
            procedure=cleaned.get("procedure"),
            applicant=self._applicant(cleaned),
            outcome=str(cleaned.get("outcome", "")),
            received_document_ids=cleaned.get("documents") or [],
            items=lines(cleaned.get("items") or ""),
            reason=cleaned.get("reason") or "",
        )
        for problem in problems:
            # A field refused already (too long...) keeps that message alone.
            if problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return cleaned

    def _applicant(self, data: dict[str, Any]) -> Applicant:
        kind = data.get("applicant_kind") or ApplicantKind.PERSON
        return Applicant(
            name=data.get("applicant_name") or "",
            kind=ApplicantKind(kind),
            id_number=data.get("applicant_id_number") or "",
            address=data.get("applicant_address") or "",
            phone=data.get("applicant_phone") or "",
            email=data.get("applicant_email") or "",
            delegate_name=data.get("delegate_name") or "",
            delegate_id_number=data.get("delegate_id_number") or "",
        )

    def applicant(self) -> Applicant:
        data = self.cleaned_data
        return Applicant(
            name=data["applicant_name"],
            kind=ApplicantKind(data["applicant_kind"]),
            id_number=data["applicant_id_number"],
            address=data["applicant_address"],
            phone=data["applicant_phone"],
            email=data["applicant_email"],
            delegate_name=data["delegate_name"],
            delegate_id_number=data["delegate_id_number"],
        )


# The action panel. Each form carries the step and status the page showed,
# so a page left open while someone else acted gets a clear message.


class ActionForm(forms.Form):
    expected_step = forms.IntegerField(required=False, widget=forms.HiddenInput)
    expected_status = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MoveForm(ActionForm):
    target = forms.IntegerField(label=_("Chuyển tới bước"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea)


class AssignForm(ActionForm):
    assignee = forms.IntegerField(label=_("Cán bộ được giao"))


class ConsultForm(ActionForm):
    unit = forms.IntegerField(label=_("Đơn vị được hỏi ý kiến"))
    question = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea)


class AnswerForm(ActionForm):
    consultation = forms.IntegerField()
    answer = forms.CharField(label=_("Trả lời"), required=False, widget=forms.Textarea)


class ItemsForm(ActionForm):
    items = forms.CharField(label=_("Giấy tờ cần bổ sung"), required=False, widget=forms.Textarea)
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea)


class NoteForm(ActionForm):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea)


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea)


class ResultForm(ActionForm):
    number = forms.CharField(label=_("Số kết quả"), max_length=100, required=False)
    signed_on = forms.DateField(label=_("Ngày ký"), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    signer = forms.CharField(label=_("Người ký"), max_length=255, required=False)
    file = forms.FileField(label=_("Tệp kết quả"), required=False)


class ApologyForm(ActionForm):
    reason = forms.CharField(label=_("Lý do chậm"), required=False, widget=forms.Textarea)
    new_appointment = forms.DateTimeField(
        label=_("Ngày hẹn mới"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )


class ReturnForm(ActionForm):
    method = forms.ChoiceField(label=_("Hình thức trả"), choices=ReturnMethod.choices)
    collected_by = forms.CharField(label=_("Người nhận kết quả"), max_length=255, required=False)
