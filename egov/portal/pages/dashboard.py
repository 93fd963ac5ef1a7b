"""The province IT centre's dashboard: the last update of every required
Decree 42 category on every unit's site (freshness.py), in the portal's
admin at /quan-tri-cong/cap-nhat/.

Seen by the platform's superusers and the administrators of the province
(the unit at the top of the tree), who run the portal; an editor of a unit's
site is refused (Wagtail's admin sends them back to its home page).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from egov.platform.accounts.models import Membership, Role, User
from egov.portal.pages.categories import required_categories
from egov.portal.pages.freshness import site_freshness


def can_see_dashboard(user: object) -> bool:
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, role=Role.ADMINISTRATOR, unit__parent__isnull=True, unit__is_active=True
    ).exists()


def freshness_dashboard(request: HttpRequest) -> HttpResponse:
    if not can_see_dashboard(request.user):
        raise PermissionDenied(_("Chỉ quản trị cổng thông tin của tỉnh mới xem được trang này."))
    sites = site_freshness()
    return render(
        request,
        "portal_pages/freshness_dashboard.html",
        {
            "sites": sites,
            "categories": required_categories(),
            "stale_sites": sum(1 for site in sites if site.stale),
            "stale_days": settings.PORTAL_STALE_DAYS,
        },
    )
