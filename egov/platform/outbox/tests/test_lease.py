"""Leases: one worker per row, even with several at once; dead workers' leases come back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.db import connection

from egov.platform.audit.models import AuditEvent
from egov.platform.outbox.attempt import Result, attempt
from egov.platform.outbox.contract import DeliveryStatus
from egov.platform.outbox.lease import LEASE_EXPIRED, lease_due, release_expired
from egov.platform.outbox.tests.conftest import LEASE, Carrier, T, post
from egov.platform.outbox.tests.models import Parcel

S = timedelta(seconds=1)


def _state(parcel: Parcel) -> tuple[str, int, object, str]:
    parcel.refresh_from_db()
    return parcel.status, parcel.attempts, parcel.next_attempt_at, parcel.last_error


@pytest.mark.django_db
def test_a_leased_row_is_not_due_again_until_its_lease_ends(carrier: Carrier) -> None:
    outbox = carrier.outbox()
    first, second, third = post("a", "b", "c")
    Parcel.objects.filter(pk=first.pk).update(next_attempt_at=T - S)  # due first
    with time_machine.travel(T, tick=False):
        # when a worker leases two rows
        leased = lease_due(outbox, limit=2)
        # then the two due first are its, sending, with the attempt counted
        assert [p.address for p in leased] == ["a", "b"]
        assert [(p.status, p.attempts, p.next_attempt_at) for p in leased] == [
            (DeliveryStatus.SENDING, 1, T + LEASE)
        ] * 2
        assert _state(first) == (DeliveryStatus.SENDING, 1, T + LEASE, "")
        # and the next lease gets only the third, then nothing
        assert [p.pk for p in lease_due(outbox, limit=2)] == [third.pk]
        assert lease_due(outbox, limit=2) == []
    assert _state(second)[:2] == (DeliveryStatus.SENDING, 1)


@pytest.mark.django_db
def test_a_lease_can_be_limited_to_given_rows(carrier: Carrier) -> None:
    first, second = post("a", "b")
    with time_machine.travel(T, tick=False):
        leased = lease_due(carrier.outbox(), limit=10, only=[second.pk])
    assert [p.pk for p in leased] == [second.pk]
    assert _state(first)[:2] == (DeliveryStatus.PENDING, 0)


def _together(count: int, work: Callable[[int], None]) -> list[BaseException]:
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            work(index)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_lease_each_row_once(carrier: Carrier) -> None:
    # given 30 due rows (the clock runs: the threads would share a frozen one)
    outbox = carrier.outbox()
    parcels = post(*(f"p{n}" for n in range(30)), at=T - timedelta(days=3650))
    leased: dict[int, list[int]] = {}

    # when four workers lease batches of three at the same time until none is due
    def work(index: int) -> None:
        mine = leased.setdefault(index, [])
        while batch := lease_due(outbox, limit=3):
            mine.extend(p.pk for p in batch)

    errors = _together(4, work)

    # then every row was leased by exactly one worker, once
    assert errors == []
    every = [pk for mine in leased.values() for pk in mine]
    assert sorted(every) == sorted(p.pk for p in parcels)
    assert set(Parcel.objects.values_list("status", "attempts")) == {(DeliveryStatus.SENDING, 1)}


def _time_out(parcel: Parcel) -> None:
    raise TimeoutError("the answer came too late")


@pytest.mark.django_db
def test_a_lease_that_ran_out_is_taken_back_and_the_late_worker_changes_nothing(
    carrier: Carrier,
) -> None:
    outbox = carrier.outbox()
    (parcel,) = post("a")
    with time_machine.travel(T, tick=False) as clock:
        # given worker A leased the row and stopped answering mid-send
        (stale,) = lease_due(outbox, limit=1)
        # within the lease the row stays A's
        clock.move_to(T + LEASE)
        assert release_expired(outbox) == 0
        assert lease_due(outbox, limit=1) == []
        # after it, the attempt counts as failed and the row is due at once
        clock.move_to(T + LEASE + S)
        assert release_expired(outbox) == 1
        assert _state(parcel) == (DeliveryStatus.PENDING, 1, T + LEASE + S, LEASE_EXPIRED)
        # worker B leases it and sends it
        (fresh,) = lease_due(outbox, limit=1)
        assert attempt(outbox, fresh, carrier.send).result is Result.SENT
        # when A comes back and records its failure
        late = attempt(outbox, stale, _time_out)
    # then B's outcome stands
    assert (late.result, late.recorded) == (Result.RETRY, False)
    assert _state(parcel) == (DeliveryStatus.SENT, 2, None, "")
    assert carrier.delivered == ["a"]


@pytest.mark.django_db
def test_a_lease_that_ran_out_on_the_last_attempt_gives_the_row_up(carrier: Carrier) -> None:
    outbox = carrier.outbox()
    (parcel,) = post("a")
    Parcel.objects.filter(pk=parcel.pk).update(attempts=4)  # four failed already; five allowed
    with time_machine.travel(T, tick=False) as clock:
        lease_due(outbox, limit=1)
        clock.move_to(T + LEASE + S)
        assert release_expired(outbox) == 1
    assert _state(parcel) == (DeliveryStatus.GAVE_UP, 5, None, LEASE_EXPIRED)
    event = AuditEvent.objects.get(event_type="outbox.gave_up")
    assert (event.actor_id, event.target_id, event.details) == (
        None,
        str(parcel.pk),
        {"outbox": "parcels", "attempts": 5, "error": LEASE_EXPIRED},
    )
