"""SMS backends: where the worker's SMS outbox hands its messages (settings.SMS_BACKEND).

The outbox itself, and the `send(phone, text)` interface a backend
implements, are the platform's (egov/platform/notifications/sms.py). The
default `ConsoleSmsBackend` does not send anything: it writes the message to
the log (logger "egov.platform.citizens.sms"), which the demo prints on the
console. A deployment plugs its operator's gateway in by naming a class with
a `send(phone, text)` method in EGOV_SMS_BACKEND.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger("egov.platform.citizens.sms")


class ConsoleSmsBackend:
    """Logs the message instead of sending it (demo and development)."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


@dataclass(frozen=True)
class SentSms:
    phone: str
    text: str


# Messages "sent" by LocmemSmsBackend, like django.core.mail.outbox; for tests.
outbox: list[SentSms] = []


class LocmemSmsBackend:
    """Keeps the messages in `egov.platform.citizens.sms.outbox` (tests)."""

    def send(self, phone: str, text: str) -> None:
        outbox.append(SentSms(phone, text))
