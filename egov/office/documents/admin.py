"""Administrators edit the document types, abbreviations and registers (Decree 30 is data here)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from egov.office.documents.models import (
    Direction,
    DocumentType,
    IncomingDocument,
    Register,
    UnitAbbreviation,
)


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin[DocumentType]):
    list_display = ["position", "name", "abbreviation", "is_letter", "is_active"]
    list_display_links = ["name"]
    list_editable = ["abbreviation", "is_active"]
    search_fields = ["name", "abbreviation"]


@admin.register(UnitAbbreviation)
class UnitAbbreviationAdmin(admin.ModelAdmin[UnitAbbreviation]):
    list_display = ["unit", "abbreviation"]
    search_fields = ["unit__name", "abbreviation"]
    autocomplete_fields = ["unit"]


class RegisterForm(forms.ModelForm[Register]):
    class Meta:
        model = Register
        fields = ["body", "year", "direction", "name", "confidential", "types"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A type goes to one register of a series, or its number would
        # depend on which register the clerk happened to pick.
        types = data.get("types")
        if types and data.get("direction") == Direction.OUTGOING:
            clash = (
                Register.objects.filter(
                    body=data.get("body"),
                    year=data.get("year") or 0,
                    direction=Direction.OUTGOING,
                    confidential=data.get("confidential", False),
                    types__in=types,
                )
                .exclude(pk=self.instance.pk)
                .values_list("name", flat=True)
                .distinct()
            )
            if clash:
                raise forms.ValidationError(
                    _("Có loại văn bản đã thuộc sổ khác: %(names)s.") % {"names": ", ".join(clash)},
                    code="office_type_in_two_registers",
                )
        return data


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin[Register]):
    form = RegisterForm
    list_display = ["name", "body", "year", "direction", "confidential", "last_number"]
    list_filter = ["year", "direction", "confidential"]
    search_fields = ["name", "body__name"]
    autocomplete_fields = ["body"]
    filter_horizontal = ["types"]
    readonly_fields = ["last_number"]


@admin.register(IncomingDocument)
class IncomingDocumentAdmin(admin.ModelAdmin[IncomingDocument]):
    """Read-only: documents change only through the service functions (and their audit)."""

    list_display = ["arrival_number", "notation", "sender", "body", "status", "arrived_at"]
    list_filter = ["status", "urgency"]
    search_fields = ["notation", "sender", "summary"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
