from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from egov.platform.audit.admin_support import run_on_selection
from egov.platform.notifications.models import Notification, OutboundEmail, OutboundSms
from egov.platform.notifications.outbox import EMAILS
from egov.platform.notifications.services import resend_emails
from egov.platform.notifications.sms import SMS
from egov.platform.outbox.admin import OutboxAdmin


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["title", "recipient", "created_at", "read_at"]
    list_select_related = ["recipient"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["created_at", "read_at", "dedupe_key"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(OutboxAdmin[OutboundEmail]):
    """Read-only: administrators watch the outbox, the worker changes it."""

    outbox = EMAILS
    list_display = [
        "subject",
        "to_address",
        "status",
        "created_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "sealed"]
    search_fields = ["to_address", "subject", "dedupe_key"]
    actions = ["resend"]
    # A sealed body (a confirmation or reset link) is never shown.
    exclude = ["body"]
    readonly_fields = ["content"]

    @admin.display(description="Nội dung")
    def content(self, obj: OutboundEmail) -> str:
        if obj.sealed:
            return "(niêm phong)" if obj.body else "(đã xóa sau khi gửi)"
        return obj.body

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description="Gửi lại", permissions=["resend"])
    def resend(self, request: HttpRequest, queryset: QuerySet[OutboundEmail]) -> None:
        run_on_selection(
            self,
            request,
            queryset,
            lambda actor, ids: resend_emails(actor=actor, email_ids=ids),
            "Đã đặt {count} thư cần xử lý về trạng thái chờ gửi.",
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboundSms)
class OutboundSmsAdmin(OutboxAdmin[OutboundSms]):
    """Read-only: administrators watch the SMS outbox, the worker sends it.

    A sealed text (a code) is never shown: it is a key to an account.
    """

    outbox = SMS
    list_display = ["phone", "status", "created_at", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "sealed"]
    search_fields = ["phone", "dedupe_key"]
    exclude = ["text"]
    readonly_fields = ["content"]

    @admin.display(description="Nội dung")
    def content(self, obj: OutboundSms) -> str:
        if obj.sealed:
            return "(niêm phong)" if obj.text else "(đã xóa sau khi gửi)"
        return obj.text

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
