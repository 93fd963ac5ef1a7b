"""Sending the outbox: claim due e-mails, send them, retry with back-off.

Runs after the dossier's transaction has committed (right after it, for the
new e-mails, and in the `send_notifications` worker for the rest). It never
raises: a mail server that fails or hangs only delays the e-mail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.utils import timezone

from egov.platform.notifications.models import OutboundEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=1)
# A claimed e-mail is not due again for this long: long enough for one SMTP
# exchange (see SMTP_TIMEOUT), so a worker that died mid-send only delays it.
LEASE = timedelta(minutes=10)
# Seconds to wait for the mail server when EMAIL_TIMEOUT is not set.
SMTP_TIMEOUT = 10


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    failed: int = 0


def retry_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure: 1 min, 2, 4 ... at most 1 h."""
    return min(FIRST_DELAY * (1 << (attempts - 1)), MAX_DELAY)


def _claim(*, limit: int, ids: Sequence[int] | None, at: datetime) -> list[OutboundEmail]:
    """Take due e-mails for this worker by moving their next attempt past the lease.

    On PostgreSQL, rows another worker is claiming are skipped, not waited
    for; SQLite takes the write lock at BEGIN (IMMEDIATE), so claims queue.
    Either way no two workers hold the same e-mail.
    """
    due = OutboundEmail.objects.filter(sent_at__isnull=True, next_attempt_at__lte=at)
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    with transaction.atomic():
        locked = due.order_by("next_attempt_at", "pk").select_for_update(
            skip_locked=connection.features.has_select_for_update_skip_locked
        )
        claimed = list(locked[:limit])
        OutboundEmail.objects.filter(pk__in=[e.pk for e in claimed]).update(
            next_attempt_at=at + LEASE
        )
    return claimed


def _deliver(email: OutboundEmail, mailer: BaseEmailBackend) -> None:
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_address],
        connection=mailer,
    )
    if message.send() != 1:
        raise RuntimeError("the mail backend did not accept the message")


def _record_failure(email: OutboundEmail, error: Exception) -> None:
    attempts = email.attempts + 1
    next_attempt = None if attempts >= MAX_ATTEMPTS else timezone.now() + retry_delay(attempts)
    OutboundEmail.objects.filter(pk=email.pk).update(
        attempts=attempts,
        next_attempt_at=next_attempt,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    logger.warning(
        "e-mail %s to %s failed (attempt %s/%s): %s",
        email.pk,
        email.to_address,
        attempts,
        MAX_ATTEMPTS,
        error,
    )


def send_due(*, limit: int = 100, ids: Sequence[int] | None = None) -> SendReport:
    """Send up to `limit` due e-mails (only those in `ids` when given). Never raises."""
    try:
        claimed = _claim(limit=limit, ids=ids, at=timezone.now())
    except Exception:
        logger.exception("could not claim e-mails from the outbox")
        return SendReport()
    if not claimed:
        return SendReport()
    sent = failed = 0
    mailer = get_connection(timeout=settings.EMAIL_TIMEOUT or SMTP_TIMEOUT)
    try:
        mailer.open()
    except Exception as exc:  # the server is down: every claimed e-mail waits
        for email in claimed:
            _safely(_record_failure, email, exc)
        return SendReport(failed=len(claimed))
    try:
        for email in claimed:
            try:
                _deliver(email, mailer)
            except Exception as exc:  # any failure of the server or the network
                failed += 1
                # A broken session would fail the next messages too: start afresh.
                _close(mailer)
                _safely(_record_failure, email, exc)
            else:
                sent += 1
                _safely(_record_sent, email)
    finally:
        _close(mailer)
    return SendReport(sent=sent, failed=failed)


def _record_sent(email: OutboundEmail) -> None:
    OutboundEmail.objects.filter(pk=email.pk).update(
        attempts=email.attempts + 1, sent_at=timezone.now(), next_attempt_at=None
    )


def _safely(record: Callable[..., None], email: OutboundEmail, *args: Any) -> None:
    try:
        record(email, *args)
    except Exception:
        # The lease makes the e-mail due again later (so a sent e-mail whose
        # success could not be written is sent again: at least once, not lost).
        logger.exception("could not record the outcome of e-mail %s", email.pk)


def _close(mailer: BaseEmailBackend) -> None:
    try:
        mailer.close()
    except Exception:
        logger.debug("closing the mail connection failed", exc_info=True)
