"""The daily reminder of corrective actions past their due date (issue 19, item 3).

The owner and the agency's heads and leaders are told once a day while the
action waits for its owner after the due date. The dedupe key names the
nonconformity, the day and the person, so a second run the same day tells
nobody twice.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.quality.audits.models import Nonconformity
from egov.onestop.quality.audits.services import CHECKERS
from egov.onestop.quality.audits.transitions import WAITING_FOR_OWNER
from egov.platform.accounts.models import User
from egov.platform.notifications.models import Notification, NotificationKind
from egov.platform.notifications.services import Message, notify
from egov.platform.organisation.models import Unit


def overdue(today: date) -> list[Nonconformity]:
    return list(
        Nonconformity.objects.filter(status__in=WAITING_FOR_OWNER, due_on__lt=today)
        .select_related("agency", "owner", "finding__audit")
        .order_by("due_on", "pk")
    )


def _leaders(unit: Unit) -> list[User]:
    """Active heads and leaders in `unit` or one of its ancestors."""
    ancestors = [unit.path[: i + 1] for i, ch in enumerate(unit.path) if ch == "/" and i > 0]
    return list(
        User.objects.filter(
            is_active=True,
            memberships__unit__path__in=ancestors,
            memberships__unit__is_active=True,
            memberships__role__in=list(CHECKERS),
        )
        .distinct()
        .order_by("pk")
    )


def remind_overdue(now: datetime | None = None) -> int:
    """Tell the owner and the agency's leaders of every overdue action; how many were told."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    told = 0
    for row in overdue(today):
        people = {p.pk: p for p in _leaders(row.agency)}
        if row.owner is not None and row.owner.is_active:
            people.setdefault(row.owner.pk, row.owner)
        due = row.due_on.strftime("%d/%m/%Y") if row.due_on else ""
        message = Message(
            title=_("Hành động khắc phục quá hạn"),
            body=_("%(finding)s: hạn %(due)s. %(action)s")
            % {"finding": str(row.finding), "due": due, "action": row.action},
            email_body=_("Hành động khắc phục của %(finding)s đã quá hạn %(due)s: %(action)s")
            % {"finding": str(row.finding), "due": due, "action": row.action},
        )
        with transaction.atomic():
            for pk in sorted(people):
                key = f"quality:nc:{row.pk}:overdue:{today.isoformat()}:{pk}"
                if Notification.objects.filter(dedupe_key=key).exists():
                    continue
                notify(
                    kind=NotificationKind.QUALITY,
                    recipient=people[pk],
                    address="",
                    message=message,
                    dedupe_key=key,
                    link=f"/chat-luong/khac-phuc/{row.pk}/",
                )
                told += 1
    return told
