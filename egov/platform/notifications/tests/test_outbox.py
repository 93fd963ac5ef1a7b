"""Sending the outbox: a real SMTP server on loopback, failures, retries, workers."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connections
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks as Capture
from pytest_django.fixtures import Settings

from egov.conftest import Cast
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.services import request_supplement
from egov.onestop.dossiers.tracking.answers import RetireAnswers
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import PermissionDenied
from egov.platform.notifications.errors import NotificationError
from egov.platform.notifications.models import Notification, OutboundEmail
from egov.platform.notifications.outbox import EMAILS, SendReport, message_id, send_due
from egov.platform.notifications.services import resend_emails
from egov.platform.notifications.tests.conftest import CITIZEN_EMAIL, VN, free_port, use_smtp
from egov.platform.notifications.tests.smtp import LoopbackSMTP
from egov.platform.outbox.contract import DeliveryStatus
from egov.platform.outbox.lease import MAYBE_SENT, lease_due
from egov.platform.outbox.selectors import outbox_metrics

CHANGED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
SENDER = "khongtraloi@tayninh.gov.vn"


def _supplement(dossier: Dossier, cast: Cast) -> Dossier:
    return request_supplement(actor=cast.specialist, dossier=dossier, items=["Giấy chứng sinh"])


def _queue(count: int, at: datetime) -> list[OutboundEmail]:
    return [
        OutboundEmail.objects.create(
            to_address=f"nguoi{i}@example.vn",
            subject=f"Thư số {i}",
            body="Nội dung",
            dedupe_key=f"test:{i}",
            created_at=at,
            next_attempt_at=at,
        )
        for i in range(count)
    ]


def _emails(callbacks: list[Callable[[], object]]) -> list[Callable[[], object]]:
    """The after-commit steps other than retiring cached tracking answers."""
    return [c for c in callbacks if not isinstance(c, RetireAnswers)]


def test_a_real_smtp_server_on_loopback_receives_the_email(
    online_dossier: Dossier,
    cast: Cast,
    settings: Settings,
    smtp_server: LoopbackSMTP,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # Given Django's SMTP backend pointed at the loopback server
    use_smtp(settings, smtp_server.port)
    settings.DEFAULT_FROM_EMAIL = SENDER

    # When a status change commits and the worker drains the outbox
    with django_capture_on_commit_callbacks(execute=True):
        dossier = _supplement(online_dossier, cast)
    assert smtp_server.received == []
    assert send_due() == SendReport(sent=1)

    # Then the server received the e-mail, in UTF-8, from the configured sender
    notification = Notification.objects.get()
    assert len(smtp_server.received) == 1
    received = smtp_server.received[0]
    assert received.sender == SENDER
    assert received.recipients == [CITIZEN_EMAIL]
    message = received.message
    # Django 5.2 folds a long encoded subject onto the next line ("Subject:
    # CRLF SP =?utf-8?b?...?="); unfolding leaves that insignificant space.
    assert message["Subject"].lstrip() == (
        f"Hồ sơ {dossier.code} đã chuyển sang trạng thái «Yêu cầu bổ sung»"
    )
    assert message["To"] == CITIZEN_EMAIL
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == (
        OutboundEmail.objects.get().body
    )
    assert notification.body in message.get_content().replace("\r\n", "\n")
    assert OutboundEmail.objects.get().sent_at is not None


def test_a_failing_server_delays_the_email_but_keeps_the_change(
    online_dossier: Dossier,
    cast: Cast,
    settings: Settings,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # Given a mail server that refuses connections
    use_smtp(settings, free_port())

    # When the status changes (nothing is sent after the commit) and the
    # worker's attempt fails, without raising
    with (
        time_machine.travel(CHANGED_AT, tick=False),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        _supplement(online_dossier, cast)
    assert _emails(callbacks) == []
    with time_machine.travel(CHANGED_AT, tick=False):
        assert send_due() == SendReport(failed=1)

    # Then the change and the entry are kept, and the e-mail waits for a retry
    assert Dossier.objects.get(pk=online_dossier.pk).status == DossierStatus.SUPPLEMENT
    assert Notification.objects.count() == 1
    email = OutboundEmail.objects.get()
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.next_attempt_at == CHANGED_AT + timedelta(minutes=1)
    assert email.last_error.startswith("ConnectionRefusedError: ")


def test_retries_back_off_exponentially_and_give_up_after_ten_attempts(
    db: None, settings: Settings
) -> None:
    # Given an e-mail in the outbox and a mail server that is down
    use_smtp(settings, free_port())
    email = _queue(1, CHANGED_AT)[0]
    delays: list[timedelta] = []

    with time_machine.travel(CHANGED_AT, tick=False) as traveller:
        for attempt in range(1, 11):
            # When the worker runs at the due moment
            assert send_due() == SendReport(failed=1)
            email.refresh_from_db()
            assert email.attempts == attempt
            if email.next_attempt_at is None:
                break
            delays.append(email.next_attempt_at - CHANGED_AT - sum(delays, timedelta()))
            # One second early, nothing is due
            traveller.move_to(email.next_attempt_at - timedelta(seconds=1))
            assert send_due() == SendReport()
            traveller.move_to(email.next_attempt_at)

    # Then the waits were 1, 2, 4 ... minutes, capped at one hour
    assert delays == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60, 60)]
    # And after the tenth failure the e-mail is given up, with the error kept
    assert email.attempts == 10
    assert email.given_up
    assert email.last_error.startswith("ConnectionRefusedError: ")
    with time_machine.travel(CHANGED_AT + timedelta(days=1), tick=False):
        assert send_due() == SendReport()


def test_a_retry_succeeds_once_the_server_is_back(
    db: None, settings: Settings, smtp_server: LoopbackSMTP
) -> None:
    # Given an e-mail whose first attempt failed
    use_smtp(settings, free_port())
    email = _queue(1, CHANGED_AT)[0]
    with time_machine.travel(CHANGED_AT, tick=False):
        assert send_due() == SendReport(failed=1)

    # When the server is back and the retry is due
    use_smtp(settings, smtp_server.port)
    with time_machine.travel(CHANGED_AT + timedelta(seconds=30), tick=False):
        assert send_due() == SendReport()
    with time_machine.travel(CHANGED_AT + timedelta(minutes=1), tick=False):
        assert send_due() == SendReport(sent=1)

    # Then it is sent once, on the second attempt
    email.refresh_from_db()
    assert email.sent_at == CHANGED_AT + timedelta(minutes=1)
    assert email.attempts == 2
    assert [r.recipients for r in smtp_server.received] == [["nguoi0@example.vn"]]


def test_two_workers_at_once_send_each_email_once(
    transactional_db: None, settings: Settings
) -> None:
    # Given three due e-mails and a slow server, so that two workers overlap
    server = LoopbackSMTP(data_delay=0.2).start()
    try:
        use_smtp(settings, server.port)
        _queue(3, datetime(2026, 3, 2, 9, 0, tzinfo=VN))
        start = threading.Barrier(2)
        reports: list[SendReport] = []

        def worker() -> None:
            try:
                start.wait()
                reports.append(send_due())
            finally:
                connections.close_all()

        # When two workers run send_due concurrently
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        server.stop()

    # Then every e-mail reached the server exactly once
    assert sorted(r.recipients[0] for r in server.received) == [
        "nguoi0@example.vn",
        "nguoi1@example.vn",
        "nguoi2@example.vn",
    ]
    assert sum(r.sent for r in reports) == 3
    assert sum(r.failed for r in reports) == 0
    assert sorted(OutboundEmail.objects.values_list("attempts", flat=True)) == [1, 1, 1]


def test_the_worker_command_sends_one_pass(
    db: None, settings: Settings, smtp_server: LoopbackSMTP
) -> None:
    use_smtp(settings, smtp_server.port)
    _queue(2, datetime(2026, 3, 2, 9, 0, tzinfo=VN))
    out = StringIO()

    call_command("send_notifications", stdout=out)

    assert out.getvalue() == "sent 2, failed 0\n"
    assert len(smtp_server.received) == 2
    assert OutboundEmail.objects.filter(sent_at__isnull=True).count() == 0


def test_an_email_leased_by_a_worker_that_died_is_not_sent_again_by_itself(
    db: None, settings: Settings, smtp_server: LoopbackSMTP, superuser: User
) -> None:
    # Given an e-mail marked "sending" (committed before the SMTP exchange) by
    # a worker that was killed mid-send: the relay may already have it
    use_smtp(settings, smtp_server.port)
    settings.DEFAULT_FROM_EMAIL = "Một cửa <motcua@egov.example.vn>"
    email = _queue(1, CHANGED_AT)[0]
    with time_machine.travel(CHANGED_AT, tick=False) as traveller:
        assert [e.pk for e in lease_due(EMAILS, limit=1)] == [email.pk]
        email.refresh_from_db()
        assert (email.status, email.attempts) == (DeliveryStatus.SENDING, 1)
        # When the worker drains within the ten minutes of the lease, nothing is sent
        traveller.move_to(CHANGED_AT + timedelta(minutes=10))
        assert send_due() == SendReport()
        # And after it, nothing is sent either: the e-mail waits for a person
        traveller.move_to(CHANGED_AT + timedelta(minutes=10, seconds=1))
        assert send_due() == SendReport()
        assert send_due() == SendReport()

    email.refresh_from_db()
    assert (email.status, email.get_status_display(), email.attempts, email.last_error) == (
        DeliveryStatus.GAVE_UP,
        "Cần xử lý",
        1,
        "GiveUp: " + MAYBE_SENT,
    )
    assert smtp_server.received == []
    assert outbox_metrics(EMAILS).gave_up == 1

    # When an administrator checked and sends it again ("Gửi lại")
    with time_machine.travel(CHANGED_AT + timedelta(hours=1), tick=False):
        assert resend_emails(actor=superuser, email_ids=[email.pk]) == 1
        assert send_due() == SendReport(sent=1)

    # Then it leaves once, with the stable Message-ID a relay can de-duplicate on
    email.refresh_from_db()
    assert (email.status, email.attempts) == (DeliveryStatus.SENT, 1)
    assert len(smtp_server.received) == 1
    assert message_id(email) == f"<outbound-{email.pk}.{_digest(email)}@egov.example.vn>"
    assert smtp_server.received[0].message["Message-ID"] == message_id(email)
    assert AuditEvent.objects.filter(event_type="notifications.email_resent").count() == 1


def _digest(email: OutboundEmail) -> str:
    return hashlib.sha256(email.dedupe_key.encode()).hexdigest()[:16]


def test_only_an_administrator_sends_an_email_again(db: None, cast: Cast) -> None:
    email = _queue(1, CHANGED_AT)[0]
    OutboundEmail.objects.filter(pk=email.pk).update(status=DeliveryStatus.GAVE_UP)
    with pytest.raises(PermissionDenied) as raised:
        resend_emails(actor=cast.head, email_ids=[email.pk])
    assert raised.value.code == NotificationError.RESEND_NOT_ALLOWED
    email.refresh_from_db()
    assert (email.status, email.attempts) == (DeliveryStatus.GAVE_UP, 0)
    assert AuditEvent.objects.filter(event_type="notifications.email_resent").count() == 0


def test_an_email_given_up_is_raised_to_a_person(db: None, settings: Settings) -> None:
    # Given an e-mail with nine failed attempts and a mail server that is down
    use_smtp(settings, free_port())
    email = _queue(1, CHANGED_AT)[0]
    OutboundEmail.objects.filter(pk=email.pk).update(attempts=9)

    # When the tenth attempt fails
    with time_machine.travel(CHANGED_AT, tick=False):
        assert send_due() == SendReport(failed=1)

    # Then the e-mail waits for a person, with an audit event and in the numbers
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (
        DeliveryStatus.GAVE_UP,
        10,
        None,
    )
    event = AuditEvent.objects.get(event_type="outbox.gave_up")
    assert (event.target_id, event.details["outbox"], event.details["attempts"]) == (
        str(email.pk),
        "email",
        10,
    )
    metrics = outbox_metrics(EMAILS, at=CHANGED_AT)
    assert (metrics.pending, metrics.gave_up, metrics.sent) == (0, 1, 0)
