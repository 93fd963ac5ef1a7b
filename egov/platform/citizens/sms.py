"""Sending SMS: a small backend interface, chosen by settings.SMS_BACKEND.

The default `ConsoleSmsBackend` does not send anything: it writes the message
to the log (logger "egov.platform.citizens.sms"), which the demo prints on the console.
A deployment plugs its operator's gateway in by naming a class with a
`send(phone, text)` method in EGOV_SMS_BACKEND.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("egov.platform.citizens.sms")

DEFAULT_BACKEND = "egov.platform.citizens.sms.ConsoleSmsBackend"


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


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


def get_backend() -> SmsBackend:
    backend_class = import_string(getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND))
    backend: SmsBackend = backend_class()
    return backend


def send_sms(phone: str, text: str) -> None:
    get_backend().send(phone, text)
