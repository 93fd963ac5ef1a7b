from __future__ import annotations

from django.contrib import admin

from egov.platform.audit.admin_support import AuditedAdmin
from egov.platform.workcalendar.models import CalendarDay, CalendarDecision


class CalendarDayInline(admin.TabularInline[CalendarDay, CalendarDecision]):
    model = CalendarDay
    extra = 2
    fields = ["date", "kind", "note"]


@admin.register(CalendarDecision)
class CalendarDecisionAdmin(AuditedAdmin):
    audit_prefix = "workcalendar.decision"
    list_display = ["reference", "issued_on", "issuer"]
    search_fields = ["reference", "summary"]
    inlines = [CalendarDayInline]
