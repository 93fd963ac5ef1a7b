"""The link to the statistics, shown only to those it would answer (never a link to a 404)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from egov.platform.accounts.access import memberships
from egov.platform.accounts.models import User
from egov.voice.statistics.figures import STATISTICS_ROLES

register = template.Library()


@register.simple_tag(takes_context=True)
def voice_statistics_link(context: template.Context) -> SafeString | str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_active:
        return ""
    wanted = {str(role) for role in STATISTICS_ROLES}
    if not (user.is_superuser or any(role in wanted for _path, role in memberships(user))):
        return ""
    return format_html(
        '<a href="{}" id="voice-statistics-link">{}</a>',
        reverse("voice_statistics:statistics"),
        _("Thống kê tiếp công dân, phản ánh, đơn thư"),
    )
