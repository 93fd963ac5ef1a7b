"""The menu's view of who is signed in: which entries their roles call for."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from egov.platform.accounts.models import AccountKind, Membership, Role

register = template.Library()

_DASHBOARD_ROLES = frozenset({Role.LEADER, Role.HEAD})
# The office drafts the leaders' weekly schedule, the leaders approve it.
_SCHEDULE_ROLES = frozenset({Role.CLERK, Role.LEADER, Role.ADMINISTRATOR})


def _menu_roles(context: template.Context) -> frozenset[str]:
    """The roles a signed-in staff member holds in active units; one query per request."""
    request: HttpRequest | None = context.get("request")
    if request is None or not request.user.is_authenticated:
        return frozenset()
    cached: frozenset[str] | None = getattr(request, "_egov_menu_roles", None)
    if cached is None:
        user = request.user
        cached = (
            frozenset(
                Membership.objects.filter(user_id=user.pk, unit__is_active=True)
                .values_list("role", flat=True)
                .distinct()
            )
            if getattr(user, "kind", None) == AccountKind.STAFF
            else frozenset()
        )
        request._egov_menu_roles = cached  # type: ignore[attr-defined]
    return cached


@register.simple_tag(takes_context=True)
def sees_dashboard(context: template.Context) -> bool:
    """Leaders and heads follow their units' figures."""
    return bool(_menu_roles(context) & _DASHBOARD_ROLES)


@register.simple_tag(takes_context=True)
def keeps_schedule(context: template.Context) -> bool:
    """Clerks, leaders and administrators prepare or approve the weekly schedule."""
    return bool(_menu_roles(context) & _SCHEDULE_ROLES)


# Leaders and clerks read their units' document statistics (egov/office/statistics).
_OFFICE_STATISTICS_ROLES = frozenset({Role.LEADER, Role.CLERK})


@register.simple_tag(takes_context=True)
def reads_office_statistics(context: template.Context) -> bool:
    request: HttpRequest | None = context.get("request")
    if request is not None and getattr(request.user, "is_superuser", False):
        return True
    return bool(_menu_roles(context) & _OFFICE_STATISTICS_ROLES)


@register.simple_tag(takes_context=True)
def administers_units(context: template.Context) -> bool:
    """Unit administrators (and the platform's operators) reach /quan-tri-don-vi/."""
    request: HttpRequest | None = context.get("request")
    if request is not None and getattr(request.user, "is_superuser", False):
        return True
    return Role.ADMINISTRATOR in _menu_roles(context)
