"""Sending the e-mail outbox, through the platform's outbox (egov/platform/outbox).

Runs in the worker only, in the periodic `notifications` task (tasks.py):
a request writes the row (services.queue_email) and never opens an SMTP
connection (issue 16, item 3). It never raises: a mail server that fails or
hangs only delays the e-mail. The lease, the retries (1, 2, 4 ... minutes,
at most an hour) and the give-up after ten attempts are the helper's; what
is e-mail is here: one SMTP connection per batch, restarted after a failure,
and a sealed body opened just before it is sent and emptied once it is.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from egov.platform.notifications.models import OutboundEmail
from egov.platform.notifications.sealing import unseal
from egov.platform.outbox.contract import Outbox, Retry, Send
from egov.platform.outbox.drain import drain

logger = logging.getLogger(__name__)

RETRY = Retry(first=timedelta(minutes=1), cap=timedelta(hours=1), max_attempts=10)
MAX_ATTEMPTS = RETRY.max_attempts
# A leased e-mail ("sending", committed before the SMTP exchange starts) is
# given up as "Cần xử lý" if still sending after this long: its worker died
# during the exchange and the relay may have the message, so it is never
# resent by itself (issue 16, item 2); an administrator's "Gửi lại" does.
LEASE = timedelta(minutes=10)
# Seconds to wait for the mail server when EMAIL_TIMEOUT is not set.
SMTP_TIMEOUT = 10


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    failed: int = 0


def retry_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure: 1 min, 2, 4 ... at most 1 h."""
    return RETRY.delay(attempts)


def message_id(email: OutboundEmail) -> str:
    """The same Message-ID on every attempt at one e-mail, so a relay can drop a repeat."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "egov.localhost"
    digest = hashlib.sha256(email.dedupe_key.encode()).hexdigest()[:16]
    return f"<outbound-{email.pk}.{digest}@{domain}>"


# What a sent row keeps: a sealed body is emptied, so the credential it held
# is not left in the database once it has left.
WIPED = {"body": ""}


def _deliver(email: OutboundEmail, mailer: BaseEmailBackend) -> dict[str, Any]:
    message = EmailMessage(
        subject=email.subject,
        body=unseal(email.body) if email.sealed else email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_address],
        connection=mailer,
        headers={"Message-ID": message_id(email)},
    )
    if message.send() != 1:
        raise RuntimeError("the mail backend did not accept the message")
    return WIPED if email.sealed else {}


@contextmanager
def _smtp() -> Iterator[Send[OutboundEmail]]:
    """One connection for the batch; if it cannot open, every leased e-mail waits."""
    mailer = get_connection(timeout=settings.EMAIL_TIMEOUT or SMTP_TIMEOUT)
    mailer.open()

    def send(email: OutboundEmail) -> dict[str, Any]:
        try:
            return _deliver(email, mailer)
        except Exception:
            # A broken session would fail the next messages too: start afresh.
            _close(mailer)
            raise

    try:
        yield send
    finally:
        _close(mailer)


def _close(mailer: BaseEmailBackend) -> None:
    try:
        mailer.close()
    except Exception:
        logger.debug("closing the mail connection failed", exc_info=True)


def _wipe(values: dict[str, Any] | None) -> dict[str, Any]:
    return dict(values or {})


def _describe(email: OutboundEmail) -> str:
    return f"e-mail {email.pk} to {email.to_address}"


EMAILS: Outbox[OutboundEmail] = Outbox(
    name="email",
    model=OutboundEmail,
    connect=_smtp,
    retry=RETRY,
    lease=LEASE,
    retry_expired=False,
    done_values=_wipe,
    describe=_describe,
)


def send_due(*, limit: int = 100, ids: Sequence[int] | None = None) -> SendReport:
    """Send up to `limit` due e-mails (only those in `ids` when given). Never raises."""
    report = drain(EMAILS, limit=limit, only=ids)
    return SendReport(sent=report.sent, failed=report.failed)
