"""The daily reminder of feedback past the deadline of the step it waits on.

Whoever must act is told once a day: the classifiers of the body it was
sent to (waiting for classification), the drafters of the handling unit
(being handled), its heads and leaders (waiting for approval or
publication). The dedupe key names the item, the day and the person, so a
second run the same day tells nobody twice.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.models import Role, User
from egov.platform.notifications.models import Notification
from egov.platform.organisation.models import Unit
from egov.voice.feedback import access, notices
from egov.voice.feedback.models import Feedback, Status


def overdue(now: datetime) -> list[Feedback]:
    return list(
        Feedback.objects.filter(
            Q(status=Status.RECEIVED, classify_due_at__lt=now)
            | Q(status__in=[Status.HANDLING, Status.AWAITING_APPROVAL], answer_due_at__lt=now)
            | Q(status=Status.ANSWERED, published_at__isnull=True, publish_due_at__lt=now)
        )
        .select_related("addressed_to", "unit")
        .order_by("received_at", "pk")
    )


def staff_over(unit: Unit, roles: tuple[Role, ...]) -> list[User]:
    """Active staff holding one of `roles` in `unit` or one of its ancestors."""
    ancestors = [unit.path[: i + 1] for i, ch in enumerate(unit.path) if ch == "/" and i > 0]
    return list(
        User.objects.filter(
            is_active=True,
            memberships__unit__path__in=ancestors,
            memberships__unit__is_active=True,
            memberships__role__in=list(roles),
        )
        .distinct()
        .order_by("pk")
    )


def _people(feedback: Feedback) -> list[User]:
    if feedback.status == Status.RECEIVED:
        return staff_over(feedback.addressed_to, access.CLASSIFIERS)
    if feedback.unit is None:  # never: every status after classification has a unit
        return []
    if feedback.status == Status.HANDLING:
        return staff_over(feedback.unit, access.DRAFTERS)
    return staff_over(feedback.unit, access.APPROVERS)


def remind_overdue(now: datetime | None = None) -> int:
    """Tell who must act on every overdue item; returns how many people were told."""
    now = now or timezone.now()
    today = timezone.localdate(now).isoformat()
    told = 0
    for feedback in overdue(now):
        with transaction.atomic():
            for person in _people(feedback):
                event = f"overdue:{today}"
                key = f"voice:feedback:{feedback.pk}:{event}:{person.pk}"
                if Notification.objects.filter(dedupe_key=key).exists():
                    continue
                notices.to_staff(
                    feedback, [person], title=_("Phản ánh, kiến nghị quá hạn"), event=event
                )
                told += 1
    return told
