from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from egov.platform.audit.admin_support import ReadOnly, run_on_selection
from egov.platform.jobs.models import Job
from egov.platform.jobs.services import retry_failed
from egov.platform.jobs.worker import JOBS
from egov.platform.outbox.admin import OutboxAdmin


@admin.register(Job)
class JobAdmin(ReadOnly, OutboxAdmin[Job]):
    """Read-only: administrators watch the queue; the worker changes it."""

    outbox = JOBS
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

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description="Chạy lại", permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Job]) -> None:
        run_on_selection(
            self,
            request,
            queryset,
            lambda actor, ids: retry_failed(actor=actor, job_ids=ids),
            "Đã đưa {count} tác vụ lỗi vào hàng đợi.",
        )
