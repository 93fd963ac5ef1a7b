"""The navigation link with the unread count: `{% notifications_link %}`."""

from __future__ import annotations

from typing import Any

from django import template

from egov.platform.accounts.models import User
from egov.platform.notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_nav_link.html", takes_context=True)
def notifications_link(context: template.Context) -> dict[str, Any]:
    user = context.get("user")
    if not isinstance(user, User) or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": unread_count(user)}
