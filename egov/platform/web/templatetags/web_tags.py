"""The menu's view of who is signed in: which entries their roles call for."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from egov.platform.accounts.models import AccountKind, Membership, Role

register = template.Library()

_DASHBOARD_ROLES = (Role.LEADER, Role.HEAD)


@register.simple_tag(takes_context=True)
def sees_dashboard(context: template.Context) -> bool:
    """Leaders and heads follow their units' figures; cached on the request."""
    request: HttpRequest | None = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    cached: bool | None = getattr(request, "_egov_sees_dashboard", None)
    if cached is None:
        user = request.user
        cached = bool(
            getattr(user, "kind", None) == AccountKind.STAFF
            and Membership.objects.filter(
                user_id=user.pk, unit__is_active=True, role__in=_DASHBOARD_ROLES
            ).exists()
        )
        request._egov_sees_dashboard = cached  # type: ignore[attr-defined]
    return cached
