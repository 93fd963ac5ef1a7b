from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from egov.onestop.portalsync.models import OutboxEvent
from egov.onestop.portalsync.sender import SYNC
from egov.onestop.portalsync.services import resend_failed
from egov.platform.audit.admin_support import ReadOnly, run_on_selection
from egov.platform.outbox.admin import OutboxAdmin


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnly, OutboxAdmin[OutboxEvent]):
    """Read-only: administrators watch the sync; the worker changes it."""

    outbox = SYNC
    list_display = [
        "idempotency_key",
        "dossier",
        "event",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status"]
    list_select_related = ["dossier"]
    search_fields = ["idempotency_key", "dossier__code"]
    actions = ["resend"]

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description="Gửi lại", permissions=["resend"])
    def resend(self, request: HttpRequest, queryset: QuerySet[OutboxEvent]) -> None:
        run_on_selection(
            self,
            request,
            queryset,
            lambda actor, ids: resend_failed(actor=actor, event_ids=ids),
            "Đã đặt {count} sự kiện lỗi về trạng thái chờ gửi.",
        )
