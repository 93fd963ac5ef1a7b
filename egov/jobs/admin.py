from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from egov.accounts.models import User
from egov.core.errors import DomainError
from egov.jobs.models import Job
from egov.jobs.services import retry_failed


@admin.register(Job)
class JobAdmin(admin.ModelAdmin[Job]):
    """Read-only: administrators watch the queue; the worker changes it."""

    list_display = [
        "pk",
        "task",
        "status",
        "attempts",
        "max_attempts",
        "run_after",
        "created_at",
        "finished_at",
        "worker",
    ]
    list_filter = ["status", "task"]
    search_fields = ["task", "unique_key", "last_error"]
    date_hierarchy = "created_at"
    actions = ["retry"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description="Chạy lại", permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Job]) -> None:
        if not isinstance(request.user, User):
            return
        try:
            count = retry_failed(
                actor=request.user, job_ids=list(queryset.values_list("pk", flat=True))
            )
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        self.message_user(request, f"Đã đưa {count} tác vụ lỗi vào hàng đợi.")
