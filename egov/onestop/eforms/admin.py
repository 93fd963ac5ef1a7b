"""Admin for electronic forms: the schema and the layout edited as JSON.

The form refuses a schema that is not valid JSON Schema and a layout naming
fields the schema does not have (egov/onestop/eforms/checks.py), with every reason in
Vietnamese. Saves are audited (AuditedAdmin) and raise the version when the
schema or the layout changed. Model permissions apply: superusers, or staff
given the eforms permissions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from egov.onestop.eforms.checks import layout_problems, schema_problems
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.rendering import render
from egov.platform.audit.admin_support import AuditedAdmin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SCHEMA_HELP = _(
    'JSON Schema (draft 2020-12) dạng đối tượng phẳng: mỗi trường trong "properties" có '
    "type, title, description và các ràng buộc (pattern, minLength, maxLength, format: date, "
    'minimum, maximum, enum). Thêm "x-message" (thông báo khi sai pattern), "x-messages" '
    '({loại lỗi: thông báo}), "x-enum-titles" (nhãn cho enum) và "x-prefill" (điền sẵn từ '
    "hồ sơ công dân: full_name, date_of_birth, id_number, address, address_unit_id, phone, "
    "email)."
)
LAYOUT_HELP = _(
    '{"sections": [{"title": ..., "description": ..., "fields": [tên trường hoặc '
    '{"name", "widget", "help", "wide"}]}]}. widget: text, textarea, date, select, radio, '
    "checkbox, number, email, tel, unit (chọn xã/phường trong cây tổ chức)."
)


class PrettyJSONField(forms.JSONField):
    """Shown indented, with Vietnamese letters as they are, so it can be edited by hand."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False, indent=2)
        return super().prepare_value(value)


def _json_field(label: StrOrPromise, help_text: StrOrPromise) -> PrettyJSONField:
    return PrettyJSONField(
        label=label,
        help_text=help_text,
        error_messages={
            "invalid": _("Nội dung không phải JSON hợp lệ."),
            "required": _("Trường này là bắt buộc."),
        },
        widget=forms.Textarea(
            attrs={
                "rows": 30,
                "spellcheck": "false",
                # Styled by web/admin.css: no style attribute under the CSP.
                "class": "json-source",
            }
        ),
    )


class FormDefinitionAdminForm(forms.ModelForm[FormDefinition]):
    schema = _json_field(_("Lược đồ dữ liệu (JSON Schema)"), SCHEMA_HELP)
    layout = _json_field(_("Bố cục (JSON)"), LAYOUT_HELP)

    class Meta:
        model = FormDefinition
        fields = ["procedure", "schema", "layout"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "schema" not in cleaned:
            return cleaned
        schema = cleaned["schema"]
        problems = schema_problems(schema)
        if problems:
            self.add_error("schema", [ValidationError(p, code="invalid_schema") for p in problems])
            return cleaned
        if "layout" in cleaned and isinstance(schema, Mapping):
            problems = layout_problems(schema, cleaned["layout"])
            if problems:
                self.add_error(
                    "layout", [ValidationError(p, code="invalid_layout") for p in problems]
                )
        return cleaned


@admin.register(FormDefinition)
class FormDefinitionAdmin(AuditedAdmin):
    audit_prefix = "eforms.formdefinition"
    form = FormDefinitionAdminForm
    list_display = ["procedure", "version", "updated_at"]
    list_select_related = ["procedure"]
    search_fields = ["procedure__code", "procedure__name"]
    autocomplete_fields = ["procedure"]
    readonly_fields = ["version", "updated_at", "preview"]

    class Media:
        css = {"all": ["eforms/eforms.css", "web/admin.css"]}

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        fields = ["procedure", "schema", "layout"]
        return [*fields, "version", "updated_at", "preview"] if obj is not None else fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A form belongs to one procedure for good; a new procedure gets a new form.
        return ["procedure", *self.readonly_fields] if obj is not None else []

    @admin.display(description=_("Xem trước"))
    def preview(self, obj: FormDefinition) -> SafeString:
        return format_html('<div class="ef-preview">{}</div>', render(obj, {}, {}))

    def save_model(
        self, request: HttpRequest, obj: Any, form: forms.ModelForm[Any], change: bool
    ) -> None:
        if change and {"schema", "layout"} & set(form.changed_data):
            obj.version += 1
        super().save_model(request, obj, form, change)
