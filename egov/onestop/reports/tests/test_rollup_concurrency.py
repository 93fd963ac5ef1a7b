"""Concurrent transactions adding to the same counters lose and duplicate nothing.

PostgreSQL: `INSERT ... ON CONFLICT DO UPDATE` waits for the other
transaction's row and adds to its committed value, also when both insert a
key that did not exist; SQLite: one writer at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from egov.onestop.reports.models import DailyCount, RollupRole
from egov.onestop.reports.rollups.facts import Key
from egov.onestop.reports.rollups.maintain import apply

WRITERS = 4
CHANGES = 10
# Two keys that do not exist yet: the writers race to insert them.
RECEIVED: Key = ("2026-03-02", int(RollupRole.RECEIVED), "2026-03-02", 1, 2, 3, 1)
ENDED: Key = ("2026-03-05", int(RollupRole.ENDED), "2026-03-05", 1, 2, 3, 1)


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
def test_concurrent_changes_add_up_exactly() -> None:
    # When four writers each commit ten changes to the same two counters
    def work(_index: int) -> None:
        for _ in range(CHANGES):
            with transaction.atomic():
                apply({RECEIVED: {"dossiers": 1}, ENDED: {"dossiers": 1, "early": 1}})

    errors = _together(WRITERS, work)

    # Then each counter holds every change once, in one row
    assert errors == []
    rows = sorted(DailyCount.objects.values_list("role", "dossiers", "early"))
    assert rows == [
        (RollupRole.RECEIVED, WRITERS * CHANGES, 0),
        (RollupRole.ENDED, WRITERS * CHANGES, WRITERS * CHANGES),
    ]
