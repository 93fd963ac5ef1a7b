"""Admin for internal processes: the whole process is edited as one JSON
definition, checked by the same rules as `save_process` and saved through it,
so every change is validated and audited.

Administrators see and edit the processes of the agencies they administer;
`egov/onestop/procedures/admin.py` imports this module to register it.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from egov.onestop.procedures.diagram import render_process_svg
from egov.onestop.procedures.models import Process
from egov.onestop.procedures.processes import (
    MESSAGES,
    process_definition,
    save_process,
    validate_definition,
)
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Membership, Role, User
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


def administered_units(user: User | None) -> QuerySet[Unit]:
    """The units whose processes `user` may edit: subtrees where they are administrator."""
    if user is None or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    paths = Membership.objects.filter(
        user=user, role=Role.ADMINISTRATOR, unit__is_active=True
    ).values_list("unit__path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


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
            text = json.dumps({"name": "", "steps": []}, ensure_ascii=False, indent=2)
        self.fields["definition"].initial = text

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
    list_display = ["name", "procedure", "agency", "is_active", "updated_at"]
    list_select_related = ["procedure", "agency"]
    list_filter = ["is_active"]
    search_fields = ["name", "procedure__code", "procedure__name", "agency__name"]
    fields = ["procedure", "agency", "definition", "diagram"]

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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Process]:
        units = administered_units(_user(request))
        return super().get_queryset(request).filter(agency__in=units)

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "agency":
            kwargs["queryset"] = administered_units(_user(request)).filter(is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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

    def _may_administer(self, request: HttpRequest) -> bool:
        user = _user(request)
        if user is None or not user.is_active or not user.is_staff:
            return False
        return user.is_superuser or administered_units(user).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may_administer(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_administer(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not self._may_administer(request):
            return False
        return obj is None or has_role_over(request.user, obj.agency, [Role.ADMINISTRATOR])

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Dossiers point at processes and their steps; a process is replaced, not deleted.
        return False
