from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import HttpRequest

from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit
from egov.platform.organisation.services import EDITABLE_FIELDS, create_unit, update_unit


class UnitAdminForm(ModelForm[Unit]):
    class Meta:
        model = Unit
        fields = list(EDITABLE_FIELDS)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parent = cleaned.get("parent")
        if parent is not None and self.instance.pk and parent.path.startswith(self.instance.path):
            raise ValidationError(
                "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."
            )
        return cleaned


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    """Units change only through the organisation services, which audit them."""

    form = UnitAdminForm
    list_display = ["indented_name", "kind", "stat_code", "agency_code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "stat_code", "agency_code"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path", "depth"]

    @admin.display(description="Tên", ordering="path")
    def indented_name(self, obj: Unit) -> str:
        return "\u2003" * obj.depth + obj.name

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        actor = request.user if isinstance(request.user, User) else None
        data = {name: form.cleaned_data.get(name) for name in EDITABLE_FIELDS}
        try:
            if change:
                changed = {name: data[name] for name in form.changed_data if name in data}
                saved = update_unit(actor=actor, unit=obj, **changed)
            else:
                saved = create_unit(
                    actor=actor,
                    name=data["name"],
                    kind=data["kind"],
                    parent=data["parent"],
                    stat_code=data["stat_code"],
                    agency_code=data["agency_code"],
                )
        except DomainError as exc:
            # Shown on the form by the admin's own error handling.
            raise ValidationError(exc.message) from exc
        obj.pk = saved.pk
        obj.path = saved.path

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Units are deactivated, never deleted: dossiers and history point at them.
        return False
