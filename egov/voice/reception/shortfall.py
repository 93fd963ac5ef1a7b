"""The daily notice of a reception-day shortfall (frequency.py), once per period.

Each day the job checks, for every active body whose kind has a rule, this
month and last month (frequency.check_month). A period the rule counts by (a
week for a commune, a month otherwise) that has ended short is told once to
the body's own leaders and reception staff and to each leader who fell short:
the notification's dedupe key names the body, the period and the recipient,
so the next day's run, or a second run the same day, tells nobody again. The
text names the leaders and the period only; the rule's source stays on the
check page with its "unverified" mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.models import Role, User
from egov.platform.notifications.models import Notification, NotificationKind
from egov.platform.notifications.services import Message, notify
from egov.platform.organisation.models import Unit
from egov.voice.reception import frequency

# Who in the body hears of it (besides each leader who fell short).
TOLD = (Role.LEADER, Role.RECEPTION)


@dataclass(frozen=True)
class Shortfall:
    unit: Unit
    # "2026-11" for a month, "2026-11-30" for the week beginning that Monday.
    period: str
    # The first day of the month the period is checked in (the check page's month).
    month: date
    leaders: list[User]


def _months(today: date) -> list[date]:
    this = today.replace(day=1)
    return [(this - timedelta(days=1)).replace(day=1), this]


def shortfalls(today: date) -> list[Shortfall]:
    """Every ended period of last month and this month that a body's leaders fell short in."""
    units = Unit.objects.filter(is_active=True, kind__in=_ruled_kinds()).order_by("path")
    found: list[Shortfall] = []
    for unit in units:
        for first in _months(today):
            check = frequency.check_month(
                unit=unit, year=first.year, month=first.month, today=today
            )
            by_period: dict[str, list[User]] = {}
            for line in check.short:
                if line.weeks:
                    for week in line.weeks:
                        if week.short:
                            by_period.setdefault(week.monday.isoformat(), []).append(line.leader)
                else:
                    by_period.setdefault(f"{first:%Y-%m}", []).append(line.leader)
            for period in sorted(by_period):
                found.append(Shortfall(unit, period, first, by_period[period]))
    return found


def _ruled_kinds() -> list[str]:
    overrides = getattr(settings, "VOICE_RECEPTION_FREQUENCIES", {})
    return sorted(set(frequency.FREQUENCIES) | set(overrides))


def recipients(shortfall: Shortfall) -> list[User]:
    """The body's own leaders and reception staff, then the leaders who fell short."""
    staff = list(
        User.objects.filter(
            is_active=True,
            memberships__unit=shortfall.unit,
            memberships__role__in=list(TOLD),
        )
        .distinct()
        .order_by("pk")
    )
    return staff + [u for u in shortfall.leaders if u.is_active and u not in staff]


def _period_text(shortfall: Shortfall) -> str:
    if len(shortfall.period) == 7:
        return _("tháng %(month)s") % {"month": f"{shortfall.month:%m/%Y}"}
    monday = date.fromisoformat(shortfall.period)
    return _("tuần từ %(start)s đến %(end)s") % {
        "start": f"{monday:%d/%m/%Y}",
        "end": f"{monday + timedelta(days=6):%d/%m/%Y}",
    }


def tell_shortfalls(today: date | None = None) -> int:
    """Tell each body of its periods that ended short; returns how many people were told."""
    today = today or timezone.localdate()
    told = 0
    for shortfall in shortfalls(today):
        names = ", ".join(u.display_name for u in shortfall.leaders)
        body = _(
            "%(unit)s: lãnh đạo chưa tiếp công dân định kỳ đủ số ngày theo quy định "
            "trong %(period)s: %(names)s."
        ) % {"unit": shortfall.unit.name, "period": _period_text(shortfall), "names": names}
        link = (
            reverse("reception:check")
            + f"?don-vi={shortfall.unit.pk}&thang={shortfall.month:%Y-%m}"
        )
        with transaction.atomic():
            for person in recipients(shortfall):
                key = f"voice:reception-short:{shortfall.unit.pk}:{shortfall.period}:{person.pk}"
                if Notification.objects.filter(dedupe_key=key).exists():
                    continue
                notify(
                    kind=NotificationKind.VOICE_RECEPTION,
                    recipient=person,
                    address="",
                    message=Message(
                        title=_("Chưa đủ ngày tiếp công dân định kỳ"),
                        body=body,
                        email_body=body,
                    ),
                    dedupe_key=key,
                    link=link,
                )
                told += 1
    return told
