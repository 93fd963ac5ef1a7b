from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from egov.accounts.models import User
from egov.core.errors import DomainError
from egov.portalsync.models import OutboxEvent
from egov.portalsync.services import resend_failed


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin[OutboxEvent]):
    """Read-only: administrators watch the sync; the worker changes it."""

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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description="Gửi lại", permissions=["resend"])
    def resend(self, request: HttpRequest, queryset: QuerySet[OutboxEvent]) -> None:
        if not isinstance(request.user, User):
            return
        try:
            count = resend_failed(
                actor=request.user, event_ids=list(queryset.values_list("pk", flat=True))
            )
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        self.message_user(request, f"Đã đặt {count} sự kiện lỗi về trạng thái chờ gửi.")
