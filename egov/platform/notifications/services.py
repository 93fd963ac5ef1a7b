"""Telling users what happened to them, and marking what they have read.

The platform does not know why a user is told: a domain builds the words
(`Message`) and calls `notify()` in its changing transaction; the one-stop
desk does it for its dossiers in egov/onestop/dossiers/notices.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import PermissionDenied
from egov.platform.notifications.errors import NotificationError
from egov.platform.notifications.models import Notification, NotificationKind, OutboundEmail
from egov.platform.notifications.outbox import EMAILS, send_due
from egov.platform.outbox.resend import make_due_again


@dataclass(frozen=True)
class Message:
    title: str
    # The facts, shown in the notification list and quoted in the e-mail.
    body: str
    email_body: str


def notify(
    *,
    kind: NotificationKind,
    recipient: User | None,
    address: str,
    message: Message,
    dedupe_key: str,
    link: str = "",
    send_now: bool = True,
) -> None:
    """An entry in `recipient`'s list (if any) and an e-mail to `address` (if any).

    Runs inside the transaction of the change being told: the entry and the
    outbox row commit or roll back with it. The e-mail goes out after the
    commit (never before, never on rollback). `dedupe_key` names the event:
    the same event told twice gives one entry and one e-mail. `link`: where
    the entry leads (a path on this site). `send_now=False` leaves the e-mail
    to the worker's periodic drain, for messages that must not leave inside
    the request that caused them (citizens/attempts.py).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("notify must run in the changing transaction")
    notification = None
    if recipient is not None:
        notification, _created = Notification.objects.get_or_create(
            dedupe_key=dedupe_key,
            defaults={
                "recipient": recipient,
                "kind": kind,
                "title": message.title,
                "body": message.body,
                "link": link,
            },
        )
    if not address:
        return
    email, created = OutboundEmail.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "to_address": address,
            "subject": message.title,
            "body": message.email_body,
            "notification": notification,
            "next_attempt_at": timezone.now(),
        },
    )
    if created and send_now:
        # Right after the commit, so the user hears at once; the worker
        # retries whatever fails.
        transaction.on_commit(partial(send_due, limit=1, ids=[email.pk]), robust=True)


@transaction.atomic
def mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's notifications as read (the caller checked ownership)."""
    locked = Notification.objects.select_for_update().get(pk=notification.pk, recipient=actor)
    if locked.read_at is None:
        locked.read_at = timezone.now()
        locked.save(update_fields=["read_at"])
        record_event(event_type="notifications.read", actor=actor, target=locked)
    return locked


@transaction.atomic
def mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the actor as read; returns how many."""
    count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        record_event(
            event_type="notifications.all_read", actor=actor, target=actor, details={"count": count}
        )
    return count


@transaction.atomic
def resend_emails(*, actor: User, email_ids: Sequence[int]) -> int:
    """Send given-up e-mails ("Cần xử lý") again (administrators only). Returns how many.

    The administrator has checked that the recipient did not get it (an
    e-mail whose worker died while sending may have arrived): it is queued
    with a fresh count and leaves through the worker.
    """
    if not actor.is_superuser:
        raise PermissionDenied(
            NotificationError.RESEND_NOT_ALLOWED,
            _("Chỉ quản trị hệ thống được gửi lại thư."),
        )
    emails = make_due_again(EMAILS, ids=email_ids)
    for email in emails:
        record_event(
            event_type="notifications.email_resent",
            actor=actor,
            target=email,
            details={"key": email.dedupe_key, "attempts": email.attempts},
        )
    return len(emails)
