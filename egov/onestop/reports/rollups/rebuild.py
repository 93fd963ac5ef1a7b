"""Recomputing the rollups from the raw rows: `egov stats rebuild` and `egov stats verify`.

Both read every dossier once (only the columns the facts use, in chunks)
and sum its facts (facts.py) in memory: the counters of a province are a
few hundred thousand rows at most, where its dossiers are millions.
`rebuild` replaces `DailyCount`, `MonthlyCount` and `DossierFact` with the result in one
transaction; `verify` compares it with both counter tables and lists every
difference (rows whose amounts are all zero count as absent).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db import connection, transaction

from egov.onestop.dossiers.models import Dossier, DossierStatus, Handover
from egov.onestop.reports.models import Counter, DailyCount, DossierFact, MonthlyCount
from egov.onestop.reports.rollups.facts import (
    KEY_COLUMNS,
    MEASURES,
    SOURCE_COLUMNS,
    Facts,
    Key,
    Source,
    by_month,
    facts,
    to_json,
)

CHUNK = 5000


@dataclass(frozen=True)
class Difference:
    table: str  # "daily" or "monthly"
    key: Key
    measure: str
    expected: int
    stored: int

    def __str__(self) -> str:
        day, role, end_day, unit, agency, procedure, channel = self.key
        return (
            f"{self.table} day={day} role={role} end_day={end_day} "
            f"receiving_unit={unit} agency={agency} "
            f"procedure={procedure} channel={channel} {self.measure}: "
            f"expected {self.expected}, stored {self.stored}"
        )


def _dossier_facts() -> Iterator[tuple[int, Facts]]:
    """Every dossier's facts, from the raw rows."""
    refused = set(
        Handover.objects.filter(action="refuse", dossier__status=DossierStatus.STOPPED)
        .order_by()
        .values_list("dossier_id", flat=True)
    )
    rows = Dossier.objects.order_by().values(*SOURCE_COLUMNS).iterator(chunk_size=CHUNK)
    for row in rows:
        yield int(row["pk"]), facts(Source.of(row, refused=row["pk"] in refused))


def _add(totals: Facts, found: Facts) -> None:
    for key, amounts in found.items():
        total = totals.setdefault(key, {})
        for measure, value in amounts.items():
            total[measure] = total.get(measure, 0) + value


def expected() -> Facts:
    """The counters recomputed from the dossiers."""
    totals: Facts = {}
    for _pk, found in _dossier_facts():
        _add(totals, found)
    return totals


def stored(model: type[Counter] = DailyCount) -> Facts:
    """The counters as `model` holds them (rows of zeros left out)."""
    found: Facts = {}
    for row in model._default_manager.order_by().values(*KEY_COLUMNS, *MEASURES).iterator(CHUNK):
        amounts = {m: int(row[m]) for m in MEASURES if row[m]}
        if amounts:
            key: Key = (
                row["day"].isoformat(),
                int(row["role"]),
                row["end_day"].isoformat(),
                int(row["receiving_unit_id"]),
                int(row["agency_id"]),
                int(row["procedure_id"]),
                int(row["channel"]),
            )
            found[key] = amounts
    return found


def differences() -> list[Difference]:
    """Every (table, row, amount) where the rollups differ from the recomputation."""
    daily = expected()
    found = []
    for table, want, have in (
        ("daily", daily, stored(DailyCount)),
        ("monthly", by_month(daily), stored(MonthlyCount)),
    ):
        for key in sorted(want.keys() | have.keys()):
            for measure in MEASURES:
                a, b = want.get(key, {}).get(measure, 0), have.get(key, {}).get(measure, 0)
                if a != b:
                    found.append(Difference(table, key, measure, a, b))
    return found


def rebuild() -> tuple[int, int]:
    """Replace the rollups by the recomputation; returns (dossiers, daily counter rows).

    On PostgreSQL the two tables are locked first: a dossier changed meanwhile
    waits for the rebuild at its fact's lock (maintain.sync), then applies its
    delta to the rebuilt counts.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (DossierFact, DailyCount, MonthlyCount):
                    table = connection.ops.quote_name(model._meta.db_table)
                    cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
        DossierFact.objects.all().delete()
        DailyCount.objects.all().delete()
        MonthlyCount.objects.all().delete()
        totals: Facts = {}
        batch: list[DossierFact] = []
        dossiers = 0
        for pk, found in _dossier_facts():
            dossiers += 1
            _add(totals, found)
            if found:
                batch.append(DossierFact(dossier_id=pk, entries=to_json(found)))
            if len(batch) >= CHUNK:
                DossierFact.objects.bulk_create(batch)
                batch = []
        DossierFact.objects.bulk_create(batch)
        DailyCount.objects.bulk_create(_rows(DailyCount, totals), batch_size=CHUNK)
        MonthlyCount.objects.bulk_create(_rows(MonthlyCount, by_month(totals)), batch_size=CHUNK)
    return dossiers, len(totals)


C = TypeVar("C", bound=Counter)


def _rows(model: type[C], totals: Facts) -> list[C]:
    return [
        model(
            day=date.fromisoformat(key[0]),
            role=key[1],
            end_day=date.fromisoformat(key[2]),
            receiving_unit_id=key[3],
            agency_id=key[4],
            procedure_id=key[5],
            channel=key[6],
            **amounts,
        )
        for key, amounts in totals.items()
    ]
