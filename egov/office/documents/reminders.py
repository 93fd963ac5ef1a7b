"""The daily reminder of incoming documents past their handling deadline (issue 11, item 2).

Each open holder of an overdue document is told once a day: a person holding
it, or the heads of a holding unit. The notification's dedupe key names the
document, the day and the person, so a second run the same day (a worker
restarted, two workers) tells nobody twice. E-mails leave through the
worker's drain (notify() only queues), never from inside this run.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.office.documents.models import Holder, HolderStatus, IncomingDocument, IncomingStatus
from egov.platform.accounts.models import Role, User
from egov.platform.notifications.models import Notification, NotificationKind
from egov.platform.notifications.services import Message, notify


def overdue(now: datetime) -> list[IncomingDocument]:
    return list(
        IncomingDocument.objects.filter(status=IncomingStatus.IN_PROGRESS, due_at__lt=now)
        .order_by("due_at", "pk")
        .only("pk", "notation", "sender", "summary", "due_at")
    )


def _people(document: IncomingDocument) -> list[User]:
    people: dict[int, User] = {}
    holders = Holder.objects.filter(document=document, status=HolderStatus.OPEN).select_related(
        "user", "unit"
    )
    for holder in holders.order_by("pk"):
        if holder.user is not None and holder.user.is_active:
            people.setdefault(holder.user.pk, holder.user)
        elif holder.unit is not None:
            for head in User.objects.filter(
                is_active=True,
                memberships__unit=holder.unit,
                memberships__role__in=[Role.HEAD, Role.LEADER],
            ).distinct():
                people.setdefault(head.pk, head)
    return [people[pk] for pk in sorted(people)]


def remind_overdue(now: datetime | None = None) -> int:
    """Tell the holders of every overdue incoming document; returns how many were told."""
    now = now or timezone.now()
    today = timezone.localdate(now).isoformat()
    told = 0
    for document in overdue(now):
        due = (
            timezone.localtime(document.due_at).strftime("%H:%M %d/%m/%Y")
            if document.due_at
            else ""
        )
        body = _("Văn bản số %(notation)s của %(sender)s: %(summary)s. Hạn xử lý: %(due)s.") % {
            "notation": document.notation,
            "sender": document.sender,
            "summary": document.summary,
            "due": due,
        }
        with transaction.atomic():
            for person in _people(document):
                key = f"office:incoming:{document.pk}:overdue:{today}:{person.pk}"
                if Notification.objects.filter(dedupe_key=key).exists():
                    continue
                notify(
                    kind=NotificationKind.OFFICE_DOCUMENT,
                    recipient=person,
                    address="",
                    message=Message(
                        title=_("Văn bản đến quá hạn xử lý"), body=body, email_body=body
                    ),
                    dedupe_key=key,
                    link=reverse("office:incoming-detail", kwargs={"pk": document.pk}),
                )
                told += 1
    return told
