"""Linking repeated feedback: the same sender again on the same matter.

DOMAIN.md (Decision 766's feedback indicators): an item is unsatisfied when
its sender files a follow-up. A new item is a follow-up of an earlier one
when both come from the same sender (the same account, or the same e-mail
address, or else the same phone number), to the same body, on the same
subject and field, within `WINDOW_DAYS`. The decision does not say how
close in time a follow-up must be: 90 days is this platform's choice
(VOICE_FEEDBACK_FOLLOW_UP_DAYS changes it). Follow-ups all point at the
first item of the matter, so they form one group.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit
from egov.voice.feedback.models import Feedback, Topic

WINDOW_DAYS = 90


def window() -> timedelta:
    return timedelta(days=int(getattr(settings, "VOICE_FEEDBACK_FOLLOW_UP_DAYS", WINDOW_DAYS)))


def earlier(
    *,
    account: User | None,
    email: str,
    phone: str,
    addressed_to: Unit,
    subject: str,
    topic: Topic | None,
    now: datetime,
) -> Feedback | None:
    """The first item of the matter a new item follows up, if any."""
    if account is not None:
        same_sender = Q(account=account)
    elif email:
        same_sender = Q(account__isnull=True, sender_email__iexact=email)
    elif phone:
        same_sender = Q(account__isnull=True, sender_phone=phone)
    else:
        return None
    found = (
        Feedback.objects.filter(
            same_sender,
            addressed_to=addressed_to,
            subject=subject,
            topic=topic,
            received_at__gte=now - window(),
        )
        .select_related("repeat_of")
        .order_by("received_at", "pk")
        .first()
    )
    if found is None:
        return None
    return found.repeat_of or found


def followed_up(items: list[Feedback]) -> set[int]:
    """The ids among `items` that some later item follows up."""
    rows = Feedback.objects.filter(repeat_of__in=[i.pk for i in items]).values_list(
        "repeat_of", flat=True
    )
    return {pk for pk in rows if pk is not None}
