"""A drain: one attempt per due row, back-off between failures, give-up after the last."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection

from egov.platform.audit.models import AuditEvent
from egov.platform.outbox.contract import DeliveryStatus
from egov.platform.outbox.drain import DrainReport, drain
from egov.platform.outbox.tests.conftest import LEASE, Carrier, T, post
from egov.platform.outbox.tests.models import Parcel

S = timedelta(seconds=1)


def _state(parcel: Parcel) -> tuple[str, int, datetime | None, datetime | None, str]:
    parcel.refresh_from_db()
    return (
        parcel.status,
        parcel.attempts,
        parcel.next_attempt_at,
        parcel.sent_at,
        parcel.last_error,
    )


@pytest.mark.django_db
def test_a_delivered_row_is_sent_once(carrier: Carrier) -> None:
    (parcel,) = post("a")
    with time_machine.travel(T, tick=False):
        assert drain(carrier.outbox()) == DrainReport(sent=1)
        assert drain(carrier.outbox()) == DrainReport()
    assert _state(parcel) == (DeliveryStatus.SENT, 1, None, T, "")
    assert carrier.delivered == ["a"]


@pytest.mark.django_db
def test_failures_back_off_then_the_row_is_given_up_after_max_attempts(
    carrier: Carrier, caplog: pytest.LogCaptureFixture
) -> None:
    # given a carrier that keeps failing, and a row five attempts are allowed for
    carrier.failures = 100
    outbox = carrier.outbox()
    (parcel,) = post("a")
    waits: list[timedelta] = []
    at = T
    with time_machine.travel(T, tick=False) as clock:
        for attempt in range(1, 6):
            # when the drain runs at the due moment, the attempt fails
            report = drain(outbox)
            status, attempts, due, _sent, error = _state(parcel)
            assert (attempts, error) == (attempt, "ConnectionError: carrier unavailable")
            if due is None:
                break
            assert (report, status) == (DrainReport(retried=1), DeliveryStatus.PENDING)
            waits.append(due - at)
            # one second early nothing is due
            clock.move_to(due - S)
            assert drain(outbox) == DrainReport()
            at = due
            clock.move_to(at)
    # then the waits doubled up to the cap, and the fifth failure gave the row up
    assert waits == [10 * S, 20 * S, 40 * S, 60 * S]
    assert report == DrainReport(gave_up=1)
    assert _state(parcel) == (
        DeliveryStatus.GAVE_UP,
        5,
        None,
        None,
        "ConnectionError: carrier unavailable",
    )
    assert len(carrier.attempts) == 5
    # raised to a person: an audit event and a log line at ERROR
    event = AuditEvent.objects.get(event_type="outbox.gave_up")
    assert (event.actor_id, event.target_id, event.details) == (
        None,
        str(parcel.pk),
        {"outbox": "parcels", "attempts": 5, "error": "ConnectionError: carrier unavailable"},
    )
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        f"parcels {parcel.pk} given up after 5 attempts: ConnectionError: carrier unavailable"
    ]
    # and it is never tried again
    with time_machine.travel(T + timedelta(days=1), tick=False):
        assert drain(outbox) == DrainReport()
    assert len(carrier.attempts) == 5


@pytest.mark.django_db
def test_a_refusal_gives_up_at_once(carrier: Carrier) -> None:
    carrier.refused = {"nowhere"}
    refused, fine = post("nowhere", "a")
    with time_machine.travel(T, tick=False):
        assert drain(carrier.outbox()) == DrainReport(sent=1, gave_up=1)
    assert _state(refused) == (DeliveryStatus.GAVE_UP, 1, None, None, "GiveUp: no such address")
    assert _state(fine)[0] == DeliveryStatus.SENT


@pytest.mark.django_db
def test_when_the_connection_cannot_open_every_leased_row_failed_its_attempt(
    carrier: Carrier,
) -> None:
    carrier.down = True
    parcels = post("a", "b")
    with time_machine.travel(T, tick=False):
        assert drain(carrier.outbox()) == DrainReport(retried=2)
    assert [_state(p) for p in parcels] == [
        (DeliveryStatus.PENDING, 1, T + 10 * S, None, "ConnectionRefusedError: depot closed")
    ] * 2
    assert carrier.attempts == []


@pytest.mark.django_db
def test_a_drain_limited_to_given_rows_tries_only_those(carrier: Carrier) -> None:
    first, second = post("a", "b")
    with time_machine.travel(T, tick=False):
        assert drain(carrier.outbox(), limit=1, only=[second.pk]) == DrainReport(sent=1)
    assert carrier.delivered == ["b"]
    assert _state(first)[:2] == (DeliveryStatus.PENDING, 0)


@pytest.mark.django_db(transaction=True)
def test_what_follows_a_sending_commits_with_the_row_or_not_at_all(carrier: Carrier) -> None:
    # Given an outbox whose `on_done` sees the row marked sent in its own
    # transaction, and fails for the address "b"
    seen: list[tuple[str, str, bool]] = []

    def done(row: Parcel) -> None:
        stored = Parcel.objects.get(pk=row.pk)
        seen.append((row.address, stored.status, connection.in_atomic_block))
        if row.address == "b":
            raise RuntimeError("the statistics failed")

    a, b = post("a", "b")
    with time_machine.travel(T, tick=False):
        report = drain(carrier.outbox(on_done=done))

    # Then "a" is sent; "b" was delivered but its marking rolled back with the
    # failure: it stays leased until the lease runs out, then is sent again,
    # as when the answer was lost
    assert seen == [("a", DeliveryStatus.SENT, True), ("b", DeliveryStatus.SENT, True)]
    assert _state(a) == (DeliveryStatus.SENT, 1, None, T, "")
    assert _state(b) == (DeliveryStatus.SENDING, 1, T + LEASE, None, "")
    assert report == DrainReport(sent=2)
