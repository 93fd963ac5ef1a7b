"""The SMS outbox: queued in the change's transaction, sent by the worker, codes sealed.

The same rules as the e-mails (test_outbox.py): back-off from one minute,
and an SMS whose worker died while sending is not sent again by itself.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from pytest_django.fixtures import Settings

from egov.platform.audit.models import AuditEvent
from egov.platform.citizens import sms as backends
from egov.platform.notifications.models import OutboundEmail, OutboundSms
from egov.platform.notifications.outbox import SendReport, send_due
from egov.platform.notifications.services import queue_email, queue_sms
from egov.platform.notifications.sms import SMS, send_sms_due
from egov.platform.outbox.contract import DeliveryStatus
from egov.platform.outbox.lease import MAYBE_SENT, lease_due

AT = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
CODE_TEXT = "Ma xac nhan so dien thoai egov: 246810. Hieu luc 10 phut."


class FailingGateway:
    """An operator's gateway that is down."""

    def send(self, phone: str, text: str) -> None:
        raise ConnectionError("gateway unreachable")


@pytest.fixture(autouse=True)
def locmem(settings: Settings) -> None:
    settings.SMS_BACKEND = "egov.platform.citizens.sms.LocmemSmsBackend"
    backends.outbox.clear()


def _queue_code() -> OutboundSms:
    with time_machine.travel(AT, tick=False), transaction.atomic():
        return queue_sms(phone="0912345678", text=CODE_TEXT, dedupe_key="code:1", sealed=True)


def test_a_sealed_code_waits_unreadable_and_is_emptied_once_sent(db: None) -> None:
    # Given a code queued in a transaction
    queued = _queue_code()

    # Then it waits sealed: the code is not in the database, nothing was sent
    stored = OutboundSms.objects.get()
    assert (stored.phone, stored.sealed, stored.status, stored.attempts) == (
        "0912345678",
        True,
        DeliveryStatus.PENDING,
        0,
    )
    assert "246810" not in stored.text
    assert stored.text.startswith("gAAAAA")  # a Fernet token
    assert backends.outbox == []

    # When the worker drains the outbox
    with time_machine.travel(AT + timedelta(seconds=5), tick=False):
        assert send_sms_due() == SendReport(sent=1)

    # Then the gateway got the text once, and the row keeps no copy of it
    assert backends.outbox == [backends.SentSms("0912345678", CODE_TEXT)]
    queued.refresh_from_db()
    assert (queued.status, queued.text, queued.sent_at) == (
        DeliveryStatus.SENT,
        "",
        AT + timedelta(seconds=5),
    )
    with time_machine.travel(AT + timedelta(hours=1), tick=False):
        assert send_sms_due() == SendReport()
    assert len(backends.outbox) == 1


def test_a_plain_text_is_kept_after_sending(db: None) -> None:
    with transaction.atomic():
        queued = queue_sms(phone="0912345678", text="Ho so cua ban da co ket qua.")

    assert send_sms_due() == SendReport(sent=1)

    queued.refresh_from_db()
    assert (queued.status, queued.sealed, queued.text) == (
        DeliveryStatus.SENT,
        False,
        "Ho so cua ban da co ket qua.",
    )
    assert queued.dedupe_key.startswith("sms:")


def test_the_same_event_queues_one_sms(db: None) -> None:
    first = _queue_code()
    second = _queue_code()

    assert first.pk == second.pk
    assert OutboundSms.objects.count() == 1


def test_a_rolled_back_change_queues_nothing(db: None) -> None:
    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), transaction.atomic():
        queue_sms(phone="0912345678", text=CODE_TEXT, sealed=True)
        raise Interrupted

    assert OutboundSms.objects.count() == 0
    assert send_sms_due() == SendReport()


def test_a_failing_gateway_is_retried_after_the_back_off(db: None, settings: Settings) -> None:
    settings.SMS_BACKEND = f"{__name__}.FailingGateway"
    queued = _queue_code()

    with time_machine.travel(AT, tick=False):
        assert send_sms_due() == SendReport(failed=1)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.next_attempt_at) == (
        DeliveryStatus.PENDING,
        1,
        AT + timedelta(minutes=1),
    )
    assert queued.last_error == "ConnectionError: gateway unreachable"
    # Still sealed for the retry
    assert queued.text.startswith("gAAAAA")

    settings.SMS_BACKEND = "egov.platform.citizens.sms.LocmemSmsBackend"
    with time_machine.travel(AT + timedelta(minutes=1), tick=False):
        assert send_sms_due() == SendReport(sent=1)
    assert backends.outbox == [backends.SentSms("0912345678", CODE_TEXT)]


def test_an_sms_whose_worker_died_while_sending_is_not_sent_again(db: None) -> None:
    # Given an SMS leased by a worker that was killed during the gateway call
    queued = _queue_code()
    with time_machine.travel(AT, tick=False) as traveller:
        assert [s.pk for s in lease_due(SMS, limit=1)] == [queued.pk]
        # When later drains run, within the lease and after it
        traveller.move_to(AT + timedelta(minutes=10))
        assert send_sms_due() == SendReport()
        traveller.move_to(AT + timedelta(minutes=10, seconds=1))
        assert send_sms_due() == SendReport()

    # Then it is not sent again (the gateway may have it): a person looks
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == (
        DeliveryStatus.GAVE_UP,
        1,
        "GiveUp: " + MAYBE_SENT,
    )
    assert backends.outbox == []
    assert AuditEvent.objects.filter(event_type="outbox.gave_up").count() == 1


def test_a_seal_from_another_secret_key_is_given_up_at_once(db: None, settings: Settings) -> None:
    # Given a reset link sealed, then the SECRET_KEY changed
    with transaction.atomic():
        email = queue_email(
            to="hoa.le@example.vn", subject="Đặt lại mật khẩu", body="Liên kết", sealed=True
        )
    settings.SECRET_KEY = "another-secret-key-0123456789abcdefghijklmnopqrstuv"

    # When the worker tries it
    assert send_due() == SendReport(failed=1)

    # Then it is given up at once (it can never be opened), and nothing is sent
    email = OutboundEmail.objects.get(pk=email.pk)
    assert (email.status, email.attempts) == (DeliveryStatus.GAVE_UP, 1)
    assert email.last_error == ("GiveUp: the sealed message cannot be opened (SECRET_KEY changed?)")
    assert mail.outbox == []
