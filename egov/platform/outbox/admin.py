"""The admin's list of an outbox, with its numbers above it (see selectors.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypeVar

from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from egov.platform.outbox.contract import Outbox
from egov.platform.outbox.selectors import OutboxMetrics, outbox_metrics

M = TypeVar("M", bound=models.Model)


def age_text(age: timedelta | None) -> str:
    if age is None:
        return "—"
    minutes = int(age.total_seconds()) // 60
    if minutes < 1:
        return _("dưới 1 phút")
    if minutes < 60:
        return _("%(minutes)d phút") % {"minutes": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return _("%(hours)d giờ %(minutes)d phút") % {"hours": hours, "minutes": minutes}
    days, hours = divmod(hours, 24)
    return _("%(days)d ngày %(hours)d giờ") % {"days": days, "hours": hours}


def summary(metrics: OutboxMetrics) -> str:
    return _(
        "Chưa xong: %(pending)d (chờ thử lại: %(retrying)d, đang xử lý: %(sending)d) · "
        "Đã xong: %(sent)d · Cần xử lý: %(gave_up)d · Chờ lâu nhất: %(age)s"
    ) % {
        "pending": metrics.pending,
        "retrying": metrics.retrying,
        "sending": metrics.sending,
        "sent": metrics.sent,
        "gave_up": metrics.gave_up,
        "age": age_text(metrics.oldest_pending_age),
    }


class OutboxAdmin(admin.ModelAdmin[M]):
    """A model admin whose list shows the outbox's numbers; set `outbox`."""

    outbox: Outbox[M]
    change_list_template = "admin/outbox/change_list.html"

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {"outbox_summary": summary(outbox_metrics(self.outbox)), **(extra_context or {})}
        return super().changelist_view(request, context)
