"""Keeping the daily rollups in step with the dossiers, in the same transaction.

Every change of a dossier goes through its services, which publish
`DossierChanged` in the changing transaction (egov/onestop/events.py). The
subscriber here recomputes the dossier's facts (facts.py), compares them
with what the dossier added before (its `DossierFact` row) and applies the
difference to `DailyCount`: `INSERT ... ON CONFLICT DO UPDATE SET n = n +
excluded.n`, one statement per changed row and table
(daily and monthly).

Why in the transaction rather than by the worker: the counts then commit or
roll back with the change, so they are exact at every commit and need no
catching up, no lag to explain on the dashboard and no second source of
truth when the worker is behind. The cost is small: most events (claims,
hand-overs between steps, consultations) change no fact and cost one
primary-key read; a reception or an end adds one or two upserts of one row.

Why it is race-free: the services hold the dossier's row lock
(`services.common.lock`), so two changes of one dossier never compute a
delta from the same old fact; the fact row is locked too, for callers
outside the services (a command, a test). Two dossiers adding to one
counter at once meet in the upsert, which PostgreSQL makes atomic
(ON CONFLICT takes the row lock and re-reads it) and SQLite runs one writer
at a time. Counters are never read-then-written in Python.

A change made without the services (a bulk update, the SQL console) is not
seen: `egov stats verify` reports it and `egov stats rebuild` repairs it.
"""

from __future__ import annotations

from datetime import date

from django.db import connection

from egov.onestop.dossiers.models import Dossier, DossierStatus, Handover
from egov.onestop.events import DossierChanged, DossierEvent
from egov.onestop.reports.models import DailyCount, DossierFact, MonthlyCount
from egov.onestop.reports.rollups.facts import (
    KEY_COLUMNS,
    MEASURES,
    Facts,
    Source,
    by_month,
    delta,
    facts,
    from_json,
    to_json,
)
from egov.platform.core.events import Moment, subscribe


def refused_by_a_step(dossier: Dossier) -> bool:
    """A step refused it: status 8 with a "refuse" hand-over (statistics.py)."""
    if dossier.status != DossierStatus.STOPPED:
        return False
    return Handover.objects.filter(dossier=dossier, action="refuse").exists()


def sync(dossier: Dossier, *, created: bool = False) -> Facts:
    """Bring the rollups in step with `dossier` as it stands; returns the change applied.

    Must run inside the transaction that changed the dossier. `created`: the
    transaction made the dossier, so it has no fact yet (one read saved).
    """
    current = facts(Source.of(dossier, refused=refused_by_a_step(dossier)))
    if created and not current:
        return {}
    stored = (
        None if created else DossierFact.objects.select_for_update().filter(pk=dossier.pk).first()
    )
    before = from_json(stored.entries) if stored is not None else {}
    change = delta(before, current)
    if not change:
        return change
    apply(change)
    if stored is None:
        DossierFact.objects.create(dossier=dossier, entries=to_json(current))
    else:
        stored.entries = to_json(current)
        stored.save(update_fields=["entries"])
    return change


def on_dossier_changed(changed: DossierChanged) -> None:
    sync(changed.dossier, created=changed.event == DossierEvent.REGISTERED)


def connect() -> None:
    subscribe(DossierChanged, on_dossier_changed, moment=Moment.IN_TRANSACTION)


def apply(change: Facts) -> None:
    """Add `change` to the daily and the monthly counters (one upsert per row and
    table, in key order: a fixed lock order)."""
    if not change:
        return
    for model, facts_of in ((DailyCount, change), (MonthlyCount, by_month(change))):
        _upsert(model._meta.db_table, facts_of)


def _upsert(db_table: str, change: Facts) -> None:
    q = connection.ops.quote_name
    table = q(db_table)
    columns = ", ".join(q(c) for c in (*KEY_COLUMNS, *MEASURES))
    placeholders = ", ".join(["%s"] * (len(KEY_COLUMNS) + len(MEASURES)))
    conflict = ", ".join(q(c) for c in KEY_COLUMNS)
    updates = ", ".join(f"{q(m)} = {table}.{q(m)} + excluded.{q(m)}" for m in MEASURES)
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "  # noqa: S608 - names are ours
        f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    )
    rows = []
    for key in sorted(change):
        day, role, end_day, *dims = key
        amounts = change[key]
        rows.append(
            [
                connection.ops.adapt_datefield_value(date.fromisoformat(day)),
                role,
                connection.ops.adapt_datefield_value(date.fromisoformat(end_day)),
                *dims,
                *(amounts.get(m, 0) for m in MEASURES),
            ]
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
