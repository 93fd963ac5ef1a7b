"""The synchronised indicator's rollup rows (facts.sync_late) and their order of maintenance."""

from __future__ import annotations

from datetime import date

from egov.onestop.events import DossierChanged
from egov.onestop.portalsync.subscribers import queue_change
from egov.onestop.reports.rollups.facts import OPEN_END, LateSync, sync_late
from egov.onestop.reports.rollups.maintain import on_dossier_changed
from egov.platform.core.events import subscribers


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def counts(rows: dict[tuple[date, date], int], first: date, last: date) -> int:
    """How a reader sums the rows for a period: day ≤ last, end_day ≥ first."""
    return sum(n for (day, end_day), n in rows.items() if day <= last and end_day >= first)


def test_the_rows_of_a_dossier_with_two_late_rows() -> None:
    # Given a dossier received on 2 March, open, with a row queued on 5 March
    # and sent on 9 March (overdue from 6 March) and one queued on 20 March,
    # sent on 22 March (overdue from 21 March)
    late = (LateSync(d(3, 5), d(3, 6), d(3, 9)), LateSync(d(3, 20), d(3, 21), d(3, 22)))

    rows = sync_late(d(3, 2), OPEN_END, late)

    # Then: from 5 March a period starting by 5 March counts it; from 6 to 8
    # March (the row unsent at the period's end) any period does; from 9
    # March back to "starting by 5 March", from 20 March by 20 March, on 21
    # March any period again (the second row overdue, unsent at its end)
    assert rows == {
        (d(3, 5), d(3, 5)): 1,
        (d(3, 6), d(3, 5)): -1,
        (d(3, 6), OPEN_END): 1,
        (d(3, 9), OPEN_END): -1,
        (d(3, 9), d(3, 5)): 1,
        (d(3, 20), d(3, 5)): -1,
        (d(3, 20), d(3, 20)): 1,
        (d(3, 21), d(3, 20)): -1,
        (d(3, 21), OPEN_END): 1,
        (d(3, 22), OPEN_END): -1,
        (d(3, 22), d(3, 20)): 1,
    }
    assert [
        counts(rows, first, last)
        for first, last in (
            (d(3, 1), d(3, 4)),  # before anything was late
            (d(3, 1), d(3, 31)),  # queued in it, sent late
            (d(3, 7), d(3, 7)),  # unsent at its end, overdue
            (d(3, 10), d(3, 19)),  # nothing in it
            (d(3, 21), d(3, 31)),  # the second row was queued before it
            (d(3, 20), d(3, 20)),
            (d(3, 6), d(3, 30)),  # the first row's overdue days and the second row
        )
    ] == [0, 1, 1, 0, 0, 1, 1]


def test_an_ended_dossier_counts_only_in_periods_not_after_its_end() -> None:
    # Given a dossier received on 2 March, ended on 10 March, its row queued
    # on 8 March and sent on 15 March
    rows = sync_late(d(3, 2), d(3, 10), (LateSync(d(3, 8), d(3, 9), d(3, 15)),))

    assert [
        counts(rows, first, last)
        for first, last in (
            (d(3, 1), d(3, 8)),
            (d(3, 11), d(3, 12)),  # ended before it: not received or processed in it
            (d(3, 10), d(3, 12)),
            (d(3, 9), d(3, 20)),  # the row was queued before it, sent after its overdue day
            (d(3, 1), d(3, 7)),
        )
    ] == [1, 0, 1, 0, 0]


def test_the_rollups_read_the_synchronisation_row_queued_by_the_same_change() -> None:
    # The national sync's subscriber queues the row before the rollups' reads it.
    handlers = subscribers(DossierChanged)
    assert handlers.index(queue_change) < handlers.index(on_dossier_changed)
