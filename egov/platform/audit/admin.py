from __future__ import annotations

from django.contrib import admin

from egov.platform.audit.admin_support import ReadOnly
from egov.platform.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnly, admin.ModelAdmin[AuditEvent]):
    """Read-only: the trail can be searched, never edited or deleted."""

    list_display = ["created_at", "event_type", "actor", "unit", "target_type", "target_id"]
    list_filter = ["event_type", "target_type"]
    search_fields = ["event_type", "target_id", "actor__username"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "unit", "target_type"]
