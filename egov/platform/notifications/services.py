"""Telling users what happened to them, and marking what they have read.

The platform does not know why a user is told: a domain builds the words
(`Message`) and calls `notify()` in its changing transaction; the one-stop
desk does it for its dossiers in egov/onestop/dossiers/notices.py.

Every e-mail is queued by `queue_email` and every SMS by `queue_sms`, in the
transaction of the change that causes it; only the worker sends them
(outbox.py, sms.py, tasks.py), so no request waits for a mail server or an
SMS gateway (issue 16, item 3). `sealed=True` for a message that carries a
credential (a confirmation link, a reset link, a code): it is stored sealed
and emptied once sent (sealing.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import uuid4

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import PermissionDenied
from egov.platform.notifications.errors import NotificationError
from egov.platform.notifications.models import (
    Notification,
    NotificationKind,
    OutboundEmail,
    OutboundSms,
)
from egov.platform.notifications.outbox import EMAILS
from egov.platform.notifications.sealing import seal
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
) -> None:
    """An entry in `recipient`'s list (if any) and an e-mail to `address` (if any).

    Runs inside the transaction of the change being told: the entry and the
    outbox row commit or roll back with it, and the worker sends the e-mail
    (never before the commit, never on rollback). `dedupe_key` names the
    event: the same event told twice gives one entry and one e-mail. `link`:
    where the entry leads (a path on this site).
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
    if address:
        queue_email(
            to=address,
            subject=message.title,
            body=message.email_body,
            dedupe_key=dedupe_key,
            notification=notification,
        )


def _key(dedupe_key: str, channel: str) -> str:
    # A message without an event of its own (a link asked for again) gets a key of its own.
    return dedupe_key or f"{channel}:{uuid4().hex}"


def queue_email(
    *,
    to: str,
    subject: str,
    body: str,
    dedupe_key: str = "",
    sealed: bool = False,
    notification: Notification | None = None,
) -> OutboundEmail:
    """Queue one e-mail for the worker, in the caller's transaction (or its own).

    The one way an e-mail leaves the platform. `dedupe_key` names the event
    (the same key queues one e-mail); `sealed` for a body carrying a credential.
    """
    # get_or_create runs its insert in a savepoint of its own.
    email, _created = OutboundEmail.objects.get_or_create(
        dedupe_key=_key(dedupe_key, "email"),
        defaults={
            "to_address": to,
            "subject": subject,
            "body": seal(body) if sealed else body,
            "sealed": sealed,
            "notification": notification,
            "next_attempt_at": timezone.now(),
        },
    )
    return email


def queue_sms(*, phone: str, text: str, dedupe_key: str = "", sealed: bool = False) -> OutboundSms:
    """Queue one SMS for the worker, in the caller's transaction (or its own).

    The one way an SMS leaves the platform; the arguments as `queue_email`'s.
    """
    sms, _created = OutboundSms.objects.get_or_create(
        dedupe_key=_key(dedupe_key, "sms"),
        defaults={
            "phone": phone,
            "text": seal(text) if sealed else text,
            "sealed": sealed,
            "next_attempt_at": timezone.now(),
        },
    )
    return sms


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
