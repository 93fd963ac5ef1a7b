"""Admin for internal processes: the whole process is edited as one JSON
definition, checked by the same rules as `save_process` and saved through it,
so every change is validated and audited.

The Django admin is the platform operators' only (EgovAdminSite): this JSON
form is their advanced fallback. Units' administrators edit the processes of
their subtree with the step editor at /quan-tri-don-vi/quy-trinh/
(unit_admin.py), which these pages link to.
`egov/onestop/procedures/admin.py` imports this module to register it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from egov.onestop.procedures.diagram import render_process_svg
from egov.onestop.procedures.models import Procedure, Process
from egov.onestop.procedures.processes import (
    MESSAGES,
    process_definition,
    save_process,
    standard_definition,
    validate_definition,
)
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.organisation.models import Unit

DEFINITION_HELP = _(
    "Mỗi bước gồm: key (mã bước, chữ thường không dấu), name, unit (mã số đơn vị hoặc null: "
    "trung tâm đã tiếp nhận hồ sơ), role (reception, specialist, head, leader, clerk, "
    "administrator), hours (giờ làm việc, một ngày là 7,5 giờ), final (bước kết thúc), "
    "external_agency (mã số cơ quan liên thông hoặc null) và actions: danh sách "
    '{"action": forward | approve | return | supplement | refuse, "to": mã bước đích hoặc null, '
    '"roles": []}. Bước đầu tiên trong danh sách là bước bắt đầu; tổng số giờ phải bằng đúng '
    "thời hạn giải quyết của thủ tục."
)


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _int(value: object) -> int:
    # 0 matches no row: an absent or malformed id in the address.
    try:
        return int(str(value))
    except ValueError:
        return 0


class ProcessAdminForm(forms.ModelForm[Process]):
    definition = forms.CharField(
        label=_("Định nghĩa quy trình (JSON)"),
        help_text=DEFINITION_HELP,
        widget=forms.Textarea(
            attrs={
                "rows": 36,
                "spellcheck": "false",
                # Styled by web/admin.css: no style attribute under the CSP.
                "class": "json-source",
            }
        ),
    )
    # Set by `ProcessAdmin.get_form` on the per-request form class.
    actor: ClassVar[User | None] = None

    class Meta:
        model = Process
        fields = ["procedure", "agency"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            text = json.dumps(process_definition(self.instance), ensure_ascii=False, indent=2)
        else:
            text = json.dumps(self._template(), ensure_ascii=False, indent=2)
        self.fields["definition"].initial = text

    def _template(self) -> dict[str, Any]:
        """The common four steps: for the chosen procedure and agency (?procedure=&agency=),
        otherwise timed for a one-day procedure, to be re-timed and named."""
        procedure = Procedure.objects.filter(pk=_int(self.initial.get("procedure"))).first()
        agency = Unit.objects.filter(pk=_int(self.initial.get("agency"))).first()
        if procedure is not None and agency is not None:
            return standard_definition(
                procedure, agency=agency, specialist_unit=agency, leader_unit=agency
            )
        one_day = Procedure(name="", processing_days=Decimal(1))
        definition = standard_definition(
            one_day, agency=Unit(name=""), specialist_unit=None, leader_unit=None
        )
        return {**definition, "name": ""}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            data = json.loads(cleaned.get("definition") or "")
        except json.JSONDecodeError as exc:
            message = MESSAGES["invalid_json"] % {"line": exc.lineno, "col": exc.colno}
            self.add_error("definition", ValidationError(message, code="invalid_json"))
            return cleaned
        procedure = cleaned.get("procedure") or getattr(self.instance, "procedure", None)
        agency = cleaned.get("agency") or getattr(self.instance, "agency", None)
        if procedure is None or agency is None:
            return cleaned
        if self.actor is not None and not has_role_over(self.actor, agency, [Role.ADMINISTRATOR]):
            raise ValidationError(
                _("Bạn không có quyền sửa quy trình của cơ quan này."), code="permission_denied"
            )
        problems = validate_definition(procedure, agency, data)
        if problems:
            self.add_error(
                "definition", [ValidationError(p.message, code=p.code) for p in problems]
            )
        cleaned["definition_data"] = data
        return cleaned


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin[Process]):
    """Processes change only through `save_process`, which validates and audits them."""

    form = ProcessAdminForm
    list_display = ["name", "procedure", "agency", "is_active", "updated_at", "editor_link"]
    list_select_related = ["procedure", "agency"]
    list_filter = ["is_active"]
    search_fields = ["name", "procedure__code", "procedure__name", "agency__name"]
    fields = ["procedure", "agency", "definition", "diagram"]
    # The JSON form is the advanced fallback; these templates link to the editor.
    change_form_template = "admin/procedures/process/change_form.html"
    change_list_template = "admin/procedures/process/change_list.html"

    @admin.display(description=_("Soạn thảo"))
    def editor_link(self, obj: Process) -> SafeString:
        url = reverse("procedures-admin:edit", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Soạn thảo các bước"))

    class Media:
        css = {"all": ["web/admin.css"]}

    @admin.display(description=_("Sơ đồ quy trình"))
    def diagram(self, obj: Process) -> SafeString | str:
        return render_process_svg(obj) if obj.pk else "—"

    def get_form(
        self, request: HttpRequest, obj: Process | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Process]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.actor = _user(request)  # type: ignore[attr-defined]
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Process | None = None) -> list[str]:
        # The procedure and the agency identify a process; they never change.
        return ["procedure", "agency", "diagram"] if obj is not None else ["diagram"]

    def save_model(
        self, request: HttpRequest, obj: Process, form: forms.ModelForm[Process], change: bool
    ) -> None:
        saved = save_process(
            actor=_user(request),
            procedure=obj.procedure,
            agency=obj.agency,
            definition=form.cleaned_data["definition_data"],
        )
        obj.pk, obj.name, obj.updated_at = saved.pk, saved.name, saved.updated_at

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Dossiers point at processes and their steps; a process is replaced, not deleted.
        return False
