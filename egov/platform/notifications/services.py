"""Telling citizens about their dossiers, and marking what they have read."""

from __future__ import annotations

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from egov.onestop.dossiers.models import Dossier
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.audit.services import record_event
from egov.platform.notifications.messages import status_message
from egov.platform.notifications.models import Notification, NotificationKind, OutboundEmail
from egov.platform.notifications.outbox import send_due


def _event_count(dossier: Dossier) -> int:
    """How many audit events the dossier has: tells one status change from the next."""
    target_type = ContentType.objects.get_for_model(Dossier)
    return AuditEvent.objects.filter(target_type=target_type, target_id=str(dossier.pk)).count()


def dossier_status_changed(
    *, dossier: Dossier, previous_status: int | None, event_count: int | None = None
) -> None:
    """Notify the applicant that `dossier` moved from `previous_status` to its status.

    Called by the dossier services inside their transaction, after the audit
    event: the entry and the outbox row commit or roll back with the change.
    The e-mail goes out after the commit (never before, never on rollback).
    `event_count`: the dossier's audit events, when the caller (holding the
    dossier's row lock) already knows it; counted here otherwise.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier_status_changed must run in the changing transaction")
    if previous_status is not None and previous_status == dossier.status:
        return
    account: User | None = dossier.applicant_user if dossier.applicant_user_id else None
    address = (account.email if account is not None else "") or dossier.applicant_email
    if account is None and not address:
        return  # nobody to tell (a desk applicant who gave no e-mail)
    count = _event_count(dossier) if event_count is None else event_count
    key = f"{dossier.pk}:{int(dossier.status)}:{count}"
    message = status_message(dossier)
    notification = None
    if account is not None:
        notification, _created = Notification.objects.get_or_create(
            dedupe_key=key,
            defaults={
                "recipient": account,
                "dossier": dossier,
                "kind": NotificationKind.DOSSIER_STATUS,
                "title": message.title,
                "body": message.body,
            },
        )
    if not address:
        return
    email, created = OutboundEmail.objects.get_or_create(
        dedupe_key=key,
        defaults={
            "to_address": address,
            "subject": message.title,
            "body": message.email_body,
            "notification": notification,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        # Right after the commit, so the citizen hears at once; the worker
        # (`egov send_notifications --loop`) retries whatever fails.
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
