"""The officer's inbox: tabs, search, sort, pages, and the desk's waiting list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from egov.onestop.dossiers.selectors import InboxQuery, InboxTab, inbox, waiting_at_reception
from egov.onestop.dossiers.views.common import reception_centres
from egov.platform.accounts.access import remember_memberships, request_user

PAGE_SIZE = 25
WAITING_SHOWN = 20

TABS = [
    (InboxTab.ACTION, _("Cần xử lý")),
    (InboxTab.MINE, _("Của tôi")),
    (InboxTab.UNASSIGNED, _("Chưa phân công")),
    (InboxTab.NEAR, _("Sắp đến hạn")),
    (InboxTab.LATE, _("Quá hạn")),
]
SORTS = [
    ("appointment_at", _("Hạn trả sớm nhất")),
    ("-appointment_at", _("Hạn trả muộn nhất")),
    ("-received_at", _("Mới tiếp nhận")),
    ("received_at", _("Tiếp nhận lâu nhất")),
]


@login_required
@require_GET
def inbox_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    # The tab, the centres and the waiting list each ask for them.
    remember_memberships(user)
    tab = request.GET.get("tab", InboxTab.ACTION)
    tab = tab if tab in InboxTab.ALL else InboxTab.ACTION
    sort = request.GET.get("sap_xep", "appointment_at")
    sort = sort if sort in dict(SORTS) else "appointment_at"
    search = request.GET.get("q", "").strip()[:100]
    dossiers = inbox(user, InboxQuery(tab=tab, search=search, order=sort))
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    context: dict[str, object] = {
        "tabs": TABS,
        "tab": tab,
        "sorts": SORTS,
        "sort": sort,
        "search": search,
        "page": page,
        "filters": filters.urlencode(),
    }
    if request.htmx and request.htmx.target == "inbox-list":  # type: ignore[attr-defined]
        return render(request, "dossiers/_inbox_list.html", context)
    centres = reception_centres(user)
    context["waiting"] = [
        (centre, list(waiting_at_reception(user, centre)[:WAITING_SHOWN])) for centre in centres
    ]
    context["centres"] = centres
    return render(request, "dossiers/inbox.html", context)
