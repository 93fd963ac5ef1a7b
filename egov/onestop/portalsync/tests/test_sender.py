"""Sending to a receiver on loopback that fails half the time."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province
from egov.onestop.dossiers.services import withdraw
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.portalsync.models import OutboxEvent, OutboxStatus
from egov.onestop.portalsync.sender import SYNC, SyncReport, retry_delay, send_pending
from egov.onestop.portalsync.services import resend_failed
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.outbox.selectors import outbox_metrics

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class Receiver:
    """Dedupes by Idempotency-Key; request 4k fails (500), 4k+2 is processed
    but its answer is lost (the connection drops): half of all requests fail."""

    def __init__(self, *, always_fail: bool = False) -> None:
        self.always_fail = always_fail
        self.requests = 0
        self.accepted: list[str] = []
        self.duplicates = 0
        self.ok_answers: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers["Content-Length"]))
        key = handler.headers["Idempotency-Key"]
        with self.lock:
            n = self.requests
            self.requests += 1
            self.headers.append(dict(handler.headers))
            if self.always_fail or n % 4 == 0:
                handler.send_response(500)
                handler.end_headers()
                return
            json.loads(body)
            if key in self.accepted:
                self.duplicates += 1
            else:
                self.accepted.append(key)
            if n % 4 == 2:
                handler.close_connection = True
                handler.connection.close()  # processed, but the answer is lost
                return
            self.ok_answers.append(key)
        handler.send_response(200)
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"{}")


def serve(receiver: Receiver) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            receiver.handle(self)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/dvcqg/hoso"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def flaky() -> Iterator[tuple[Receiver, str]]:
    receiver = Receiver()
    for url in serve(receiver):
        yield receiver, url


@pytest.fixture
def down() -> Iterator[tuple[Receiver, str]]:
    receiver = Receiver(always_fail=True)
    for url in serve(receiver):
        yield receiver, url


@pytest.mark.django_db
def test_every_change_arrives_exactly_once_in_order_despite_failures(
    desk: Desk, cast: Cast, province: Province, settings: Settings, flaky: Any
) -> None:
    receiver, url = flaky
    settings.PORTAL_SYNC_URL = url
    settings.PORTAL_SYNC_TOKEN = "bi-mat"
    # given three dossiers with several changes each
    with time_machine.travel(datetime(2026, 3, 2, 8, 0, tzinfo=VN), tick=True) as clock:
        dossiers = [receive(desk, cast, province) for _ in range(3)]
        withdraw(actor=cast.reception, dossier=dossiers[1], reason="Công dân xin rút")
        expected = list(
            OutboxEvent.objects.order_by("dossier_id", "sequence").values_list(
                "idempotency_key", flat=True
            )
        )
        assert len(expected) >= 7
        # when the worker sends, with the back-off waited out between passes
        for _ in range(40):
            send_pending(limit=100)
            clock.shift(timedelta(hours=2))
            if not OutboxEvent.objects.exclude(status=OutboxStatus.SENT).exists():
                break
    # then the receiver accepted every change exactly once ...
    assert sorted(receiver.accepted) == sorted(expected)
    assert len(receiver.accepted) == len(set(receiver.accepted))
    # ... and in order for each dossier
    for dossier in dossiers:
        prefix = f"{dossier.pk}:"
        assert [k for k in receiver.accepted if k.startswith(prefix)] == [
            k for k in expected if k.startswith(prefix)
        ]
    # the lost answers were sent again and deduplicated by the receiver
    assert receiver.duplicates > 0
    # and we marked sent exactly the events that got a 2xx
    sent = set(
        OutboxEvent.objects.filter(status=OutboxStatus.SENT).values_list(
            "idempotency_key", flat=True
        )
    )
    assert sent == set(expected) == set(receiver.ok_answers)
    assert receiver.requests > len(expected)
    assert {h["Authorization"] for h in receiver.headers} == {"Bearer bi-mat"}
    assert {h["Content-Type"] for h in receiver.headers} == {"application/json"}


@pytest.mark.django_db
def test_disabled_endpoint_keeps_events_pending(
    desk: Desk, cast: Cast, province: Province, settings: Settings
) -> None:
    # given no endpoint configured and a received dossier
    settings.PORTAL_SYNC_URL = ""
    receive(desk, cast, province)
    # when the worker runs
    report = send_pending(limit=100)
    # then nothing is sent or tried
    assert report == SyncReport(sent=0, failed=0)
    assert set(OutboxEvent.objects.values_list("status", "attempts")) == {(OutboxStatus.PENDING, 0)}


def test_retry_delays() -> None:
    assert [retry_delay(n).total_seconds() for n in range(1, 10)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
    ]


@pytest.mark.django_db
def test_back_off_schedule_and_order_while_failing(
    desk: Desk, cast: Cast, province: Province, settings: Settings, down: Any
) -> None:
    receiver, url = down
    settings.PORTAL_SYNC_URL = url
    start = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    with time_machine.travel(start, tick=False) as clock:
        # given a dossier with two changes and a receiver that always fails
        dossier = receive(desk, cast, province)
        first, *rest = list(OutboxEvent.objects.filter(dossier=dossier).order_by("sequence"))
        assert rest
        # when the worker tries, then the head waits 30 s, 60 s, 120 s
        at = start
        for attempt, wait in [(1, 30), (2, 60), (3, 120)]:
            assert send_pending(limit=100) == SyncReport(sent=0, failed=1)
            first.refresh_from_db()
            assert (first.status, first.attempts) == (OutboxStatus.FAILED, attempt)
            assert first.next_attempt_at == at + timedelta(seconds=wait)
            clock.move_to(at + timedelta(seconds=wait - 1))
            assert send_pending(limit=100) == SyncReport()  # not due yet: no request
            at = at + timedelta(seconds=wait)
            clock.move_to(at)
        # and the later changes were never sent before the first one
        assert receiver.requests == 3
        assert {h["Idempotency-Key"] for h in receiver.headers} == {first.idempotency_key}
        assert set(
            OutboxEvent.objects.filter(pk__in=[e.pk for e in rest]).values_list(
                "attempts", flat=True
            )
        ) == {0}


@pytest.mark.django_db
def test_an_event_out_of_attempts_is_given_up_holds_its_dossier_and_can_be_resent(
    desk: Desk, cast: Cast, province: Province, settings: Settings, down: Any, superuser: User
) -> None:
    receiver, url = down
    settings.PORTAL_SYNC_URL = url
    at = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
    with time_machine.travel(at, tick=False):
        # given a dossier's first change with 29 failed attempts, a receiver still down
        dossier = receive(desk, cast, province)
        first, *rest = list(OutboxEvent.objects.filter(dossier=dossier).order_by("sequence"))
        OutboxEvent.objects.filter(pk=first.pk).update(attempts=29, status=OutboxStatus.FAILED)
        # when the 30th attempt fails
        assert send_pending(limit=100) == SyncReport(failed=1)
    # then it is given up for a person (the platform outbox's give-up) ...
    first.refresh_from_db()
    assert (first.status, first.attempts, first.next_attempt_at) == (
        OutboxStatus.GAVE_UP,
        30,
        None,
    )
    event = AuditEvent.objects.get(event_type="outbox.gave_up")
    assert (event.target_id, event.details["outbox"]) == (str(first.pk), "portal_sync")
    metrics = outbox_metrics(SYNC, at=at)
    assert (metrics.pending, metrics.gave_up) == (len(rest), 1)
    # ... and the dossier's later changes wait for it
    with time_machine.travel(at + timedelta(days=1), tick=False):
        assert send_pending(limit=100) == SyncReport()
    assert receiver.requests == 1
    # until an administrator sends it again
    with time_machine.travel(at + timedelta(days=1), tick=False):
        assert resend_failed(actor=superuser, event_ids=[first.pk]) == 1
        assert send_pending(limit=100) == SyncReport(failed=1)
    first.refresh_from_db()
    assert (first.status, first.attempts) == (OutboxStatus.FAILED, 1)
