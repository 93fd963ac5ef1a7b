"""The daily reminders of petitions near or past their legal deadline.

Two clocks run on a petition (deadlines.py): accepting it (thụ lý, Law on
Complaints 2011 art. 27, Law on Denunciations 2018 art. 24, Circular
05/2021/TT-TTCP for the others) while it is received or classified, and
settling it (Complaints art. 28, Denunciations art. 30) once accepted.

Whoever must act next is told:
- received: the classifiers of the body it was sent to;
- classified or accepted: its heads and leaders (they accept, forward, file,
  assign and decide);
- investigating: the people assigned to it and the heads and leaders.

"Near" means due within `NEAR_WORKING_DAYS` working days. The law sets no
such warning; two days is this platform's choice (a deployment changes it
with the VOICE_PETITION_REMIND_DAYS setting). A near deadline is told once
per due date (an extension moves it and tells again); a passed one every
day until the step is done. The text names the petition's code, kind and
due date only: never the petitioner, and never what a denunciation says,
since heads who are not handling it receive it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.notifications.models import Notification, NotificationKind
from egov.platform.notifications.services import Message, notify
from egov.platform.workcalendar.deadlines import due_at
from egov.voice.complaints import access
from egov.voice.complaints.models import Petition, Status
from egov.voice.feedback.reminders import staff_over

NEAR_WORKING_DAYS = 2

ACCEPTING = (Status.RECEIVED, Status.CLASSIFIED)
SETTLING = (Status.ACCEPTED, Status.INVESTIGATING)


@dataclass(frozen=True)
class Reminder:
    petition: Petition
    # "accept" or "settle": which clock
    clock: str
    due: datetime
    overdue: bool


def near_days() -> int:
    return int(getattr(settings, "VOICE_PETITION_REMIND_DAYS", NEAR_WORKING_DAYS))


def due_soon(now: datetime) -> list[Reminder]:
    """The open petitions whose running clock ends before the window closes, oldest first."""
    horizon = due_at(now, working_days=near_days())
    petitions = (
        Petition.objects.filter(
            Q(status__in=ACCEPTING, accept_due__lte=horizon)
            | Q(status__in=SETTLING, settle_due__lte=horizon)
        )
        .select_related("addressed_to")
        .order_by("received_at", "pk")
    )
    reminders = []
    for petition in petitions:
        if petition.status in ACCEPTING or petition.settle_due is None:
            clock, due = "accept", petition.accept_due
        else:
            clock, due = "settle", petition.settle_due
        reminders.append(Reminder(petition, clock, due, overdue=due < now))
    return reminders


def people(petition: Petition) -> list[User]:
    """Who must act on `petition` now (see the module's docstring)."""
    unit = petition.addressed_to
    if petition.status == Status.RECEIVED:
        return staff_over(unit, access.CLASSIFIERS)
    heads = staff_over(unit, access.DECIDERS)
    if petition.status != Status.INVESTIGATING:
        return heads
    handlers = [
        h.user
        for h in petition.handlers.select_related("user").order_by("user_id")
        if h.user.is_active
    ]
    return handlers + [p for p in heads if p not in handlers]


def _title(reminder: Reminder) -> str:
    if reminder.clock == "accept":
        return _("Đơn quá hạn thụ lý") if reminder.overdue else _("Đơn sắp đến hạn thụ lý")
    return _("Đơn quá hạn giải quyết") if reminder.overdue else _("Đơn sắp đến hạn giải quyết")


def _event(reminder: Reminder, today: str) -> str:
    if reminder.overdue:
        return f"{reminder.clock}-overdue:{today}"
    return f"{reminder.clock}-near:{reminder.due.isoformat()}"


def remind(now: datetime | None = None) -> int:
    """Tell who must act on every petition near or past its deadline; returns how many were told."""
    now = now or timezone.now()
    today = timezone.localdate(now).isoformat()
    told = 0
    for reminder in due_soon(now):
        petition = reminder.petition
        event = _event(reminder, today)
        body = _("Đơn %(code)s (%(kind)s): hạn %(step)s là ngày %(due)s.") % {
            "code": petition.code,
            "kind": petition.get_kind_display(),
            "step": _("thụ lý") if reminder.clock == "accept" else _("giải quyết"),
            "due": timezone.localtime(reminder.due).strftime("%d/%m/%Y"),
        }
        with transaction.atomic():
            for person in people(petition):
                key = f"voice:petition:{petition.pk}:{event}:{person.pk}"
                if Notification.objects.filter(dedupe_key=key).exists():
                    continue
                notify(
                    kind=NotificationKind.VOICE_PETITION,
                    recipient=person,
                    address="",
                    message=Message(title=_title(reminder), body=body, email_body=body),
                    dedupe_key=key,
                    link=reverse("complaints:detail", kwargs={"pk": petition.pk}),
                )
                told += 1
    return told
