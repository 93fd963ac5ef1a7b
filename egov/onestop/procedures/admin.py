"""Admin for the procedure catalogue: fields and procedures with their documents.

Every change is audited (AuditedAdmin). `Procedure.save` refreshes the folded
search column, so procedures edited here are found by the public search too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from egov.onestop.events import ProcedureChanged
from egov.onestop.procedures.models import CouncilFee, Field, Procedure, ProcedureDocument
from egov.onestop.procedures.text import search_words
from egov.platform.accounts.access import request_user
from egov.platform.audit.admin_support import AuditedAdmin
from egov.platform.core.events import publish


@admin.register(Field)
class FieldAdmin(AuditedAdmin):
    audit_prefix = "procedures.field"
    list_display = ["name"]
    search_fields = ["name"]


class ProcedureDocumentInline(admin.TabularInline[ProcedureDocument, Procedure]):
    model = ProcedureDocument
    extra = 1
    fields = [
        "position",
        "name",
        "originals",
        "copies",
        "required",
        "form_template",
        "template_file",
        "filled_by_eform",
    ]


class CouncilFeeInline(admin.TabularInline[CouncilFee, Procedure]):
    model = CouncilFee
    extra = 0
    autocomplete_fields = ["unit"]
    fields = [
        "unit",
        "fee_vnd",
        "charge_vnd",
        "fee_online_vnd",
        "charge_online_vnd",
        "resolution",
    ]


@admin.register(CouncilFee)
class CouncilFeeAdmin(AuditedAdmin):
    audit_prefix = "procedures.councilfee"
    list_display = ["procedure", "unit", "fee_vnd", "charge_vnd", "resolution"]
    list_select_related = ["procedure", "unit"]
    search_fields = ["procedure__code", "procedure__name", "unit__name"]
    search_help_text = _("Tìm theo mã, tên thủ tục hoặc tên đơn vị.")
    autocomplete_fields = ["procedure", "unit"]


@admin.register(Procedure)
class ProcedureAdmin(AuditedAdmin):
    audit_prefix = "procedures.procedure"
    list_display = ["code", "name", "field", "level", "online_class", "is_active"]
    list_filter = ["field", "level", "online_class", "is_active"]
    list_select_related = ["field"]
    search_fields = ["code", "name"]
    search_help_text = _("Tìm theo mã hoặc tên thủ tục, có dấu hoặc không dấu.")
    inlines = [ProcedureDocumentInline, CouncilFeeInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "field", "level", "implementing_agency", "is_active"]}),
        (
            _("Cách thức, thời hạn, phí"),
            {
                "fields": [
                    ("channel_direct", "channel_online", "channel_postal"),
                    "online_class",
                    ("processing_days", "processing_hours"),
                    ("fee_vnd", "charge_vnd"),
                    ("fee_online_vnd", "charge_online_vnd"),
                    "fee_set_by_council",
                    "fee_note",
                ]
            },
        ),
        (_("Kết quả và căn cứ"), {"fields": ["result_type", "conditions", "legal_basis"]}),
        (_("Kiểm chứng"), {"fields": ["unverified"]}),
    ]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The entry and its documents, fees are saved: the quality procedures follow
        # (the admin's own transaction wraps the whole save).
        if change and (form.has_changed() or any(f.has_changed() for f in formsets)):
            publish(ProcedureChanged(procedure=form.instance, actor=request_user(request)))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        # The folded column makes "dang ky khai sinh" find "Đăng ký khai sinh".
        words = search_words(search_term)
        if not words:
            return queryset, False
        folded = Q()
        for word in words:
            folded &= Q(search_text__contains=word)
        return queryset.filter(folded | Q(code__icontains=search_term.strip())), False


# Process admin classes live in their own module (owned with the process model).
from egov.onestop.procedures import admin_processes  # noqa: F401,E402
