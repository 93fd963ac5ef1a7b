"""The citizen's notification list at /thong-bao/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from egov.platform.accounts.access import request_user
from egov.platform.core.errors import NotFound
from egov.platform.core.responses import not_found
from egov.platform.notifications.selectors import (
    notification_for_user,
    notifications_for,
    unread_count,
)
from egov.platform.notifications.services import mark_all_read, mark_read

PAGE_SIZE = 20


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = Paginator(notifications_for(user), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": unread_count(user)},
    )


@login_required
@require_POST
def mark_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    try:
        notification = notification_for_user(user, pk)
    except NotFound:
        return not_found(request, None)
    notification = mark_read(actor=user, notification=notification)
    if request.htmx:  # type: ignore[attr-defined]
        # The entry, plus the unread counts on the page and in the nav (out of band).
        return render(
            request,
            "notifications/_item.html",
            {"n": notification, "oob_unread": unread_count(user)},
        )
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read_view(request: HttpRequest) -> HttpResponse:
    mark_all_read(actor=request_user(request))
    return redirect("notifications:list")
