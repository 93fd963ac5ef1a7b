"""Sending the SMS outbox, through the platform's outbox (egov/platform/outbox).

Like the e-mails (outbox.py): a request writes an `OutboundSms` row in its
transaction (services.queue_sms) and the worker's periodic `notifications.sms`
task (tasks.py) sends it through settings.SMS_BACKEND, a class with a
`send(phone, text)` method (the operator's gateway; the console one in the
demo, egov/platform/citizens/sms.py). The same rules as the e-mails: retried
after 1, 2, 4 ... minutes, given up after ten attempts, and a row whose
worker died while sending is given up, never sent twice by itself (the
gateway may have it). A sealed text (a code) is opened just before it is
sent and emptied once it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from egov.platform.notifications.models import OutboundSms
from egov.platform.notifications.outbox import LEASE, RETRY, SendReport
from egov.platform.notifications.sealing import unseal
from egov.platform.outbox.contract import Outbox, Send
from egov.platform.outbox.drain import drain

# What a sent sealed row keeps: no text.
WIPED = {"text": ""}


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


def backend() -> SmsBackend:
    found: SmsBackend = import_string(settings.SMS_BACKEND)()
    return found


def _send(sms: OutboundSms) -> dict[str, Any]:
    backend().send(sms.phone, unseal(sms.text) if sms.sealed else sms.text)
    return WIPED if sms.sealed else {}


def _connect() -> nullcontext[Send[OutboundSms]]:
    return nullcontext(_send)


def _wipe(values: dict[str, Any] | None) -> dict[str, Any]:
    return dict(values or {})


def _describe(sms: OutboundSms) -> str:
    return f"SMS {sms.pk}"


SMS: Outbox[OutboundSms] = Outbox(
    name="sms",
    model=OutboundSms,
    connect=_connect,
    retry=RETRY,
    lease=LEASE,
    retry_expired=False,
    done_values=_wipe,
    describe=_describe,
)


def send_sms_due(*, limit: int = 100, ids: Sequence[int] | None = None) -> SendReport:
    """Send up to `limit` due SMS (only those in `ids` when given). Never raises."""
    report = drain(SMS, limit=limit, only=ids)
    return SendReport(sent=report.sent, failed=report.failed)
