"""Writing simulated rows: `bulk_create` everywhere, COPY on PostgreSQL.

Both writers take the same plain rows (column values by attribute name,
missing columns take the field's default) and insert the same data.
`bulk_create` is portable but spends most of its time preparing each value
of each row in Python (about 0.8 ms per dossier with its hand-overs);
PostgreSQL's COPY takes rows as they are, several times faster, which is
what makes ten million dossiers feasible. Neither ignores a conflict: a
duplicate code fails the batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

from egov.onestop.dossiers.models import Dossier, DossierDocument, Handover, SupplementRequest
from egov.onestop.payments.models import Payment
from egov.onestop.portalsync.models import OutboxEvent
from egov.platform.core.bulkload import copy_rows, take_ids
from egov.tools.synthetic.extras import payload
from egov.tools.synthetic.lifecycle import Life, Row

# Rows per INSERT statement; a batch is written in several statements.
INSERT_ROWS = 2000


@contextmanager
def explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Keep the simulated created_at/updated_at instead of the insert time.

    auto_now fields overwrite any value on save; a dossier received three
    years ago must not look created today. Switched off only around the
    generator's own inserts, in its own process.
    """
    changed: list[tuple[models.DateTimeField[Any, Any], bool, bool]] = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                changed.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in changed:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Writer:
    """Insert a batch of lives; returns rows written per table."""

    def __init__(self, rating_model: type[models.Model] | None) -> None:
        self.rating_model = rating_model
        self.first_id = self.last_id = 0

    def write(self, lives: Sequence[Life]) -> dict[str, int]:
        dossiers = [life.dossier for life in lives]
        ids = self.dossiers(dossiers)
        self.first_id, self.last_id = min(ids), max(ids)
        handovers: list[Row] = []
        supplements: list[Row] = []
        ratings: list[Row] = []
        extra: dict[type[models.Model], list[Row]] = {
            DossierDocument: [],
            Payment: [],
            OutboxEvent: [],
        }
        for pk, life in zip(ids, lives, strict=True):
            _extras(pk, life, extra)
            for row in life.handovers:
                row["dossier_id"] = pk
                handovers.append(row)
            for row in life.supplements:
                row["dossier_id"] = pk
                supplements.append(row)
            if life.rating is not None:
                life.rating["dossier_id"] = pk
                ratings.append(life.rating)
        self.rows(Handover, handovers)
        self.rows(SupplementRequest, supplements)
        if self.rating_model is not None:
            self.rows(self.rating_model, ratings)
        for model, extra_rows in extra.items():
            self.rows(model, extra_rows)
        return {
            "dossiers": len(ids),
            "handovers": len(handovers),
            "supplement_requests": len(supplements),
            "ratings": len(ratings) if self.rating_model is not None else 0,
            "documents": len(extra[DossierDocument]),
            "payments": len(extra[Payment]),
            "portal_sync_events": len(extra[OutboxEvent]),
        }

    def dossiers(self, rows: list[Row]) -> list[int]:
        raise NotImplementedError

    def rows(self, model: type[models.Model], rows: list[Row]) -> None:
        raise NotImplementedError


def _extras(pk: int, life: Life, into: dict[type[models.Model], list[Row]]) -> None:
    extras = life.extras
    for row in extras.documents:
        into[DossierDocument].append({**row, "dossier_id": pk})
    if extras.payment is not None:
        into[Payment].append({**extras.payment, "dossier_id": pk})
    has_file = bool(life.dossier.get("result_file"))
    for row in extras.outbox:
        key = f"{pk}:{row['sequence']}"  # as portalsync.services._queue
        body = payload(row["payload"], pk, result_file=has_file)
        into[OutboxEvent].append({**row, "payload": body, "dossier_id": pk, "idempotency_key": key})


class BulkCreateWriter(Writer):
    def dossiers(self, rows: list[Row]) -> list[int]:
        objects = [Dossier(**row) for row in rows]
        with explicit_timestamps(Dossier):
            Dossier.objects.bulk_create(objects, batch_size=INSERT_ROWS)
        return [o.pk for o in objects]

    def rows(self, model: type[models.Model], rows: list[Row]) -> None:
        objects = [model(**row) for row in rows]
        with explicit_timestamps(model):
            model._default_manager.bulk_create(objects, batch_size=INSERT_ROWS)


class CopyWriter(Writer):
    """PostgreSQL COPY; dossier keys are taken from the table's sequence first."""

    def dossiers(self, rows: list[Row]) -> list[int]:
        ids = take_ids(Dossier, len(rows))
        for row, pk in zip(rows, ids, strict=True):
            row["id"] = pk
        copy_rows(Dossier, rows, with_pk=True)
        return ids

    def rows(self, model: type[models.Model], rows: list[Row]) -> None:
        copy_rows(model, rows, with_pk=False)


def make_writer(method: str, rating_model: type[models.Model] | None) -> Writer:
    """`auto`: COPY on PostgreSQL, bulk_create elsewhere."""
    if method == "auto":
        method = "copy" if connection.vendor == "postgresql" else "bulk"
    if method == "copy":
        if connection.vendor != "postgresql":
            raise ValueError("COPY needs PostgreSQL")
        return CopyWriter(rating_model)
    return BulkCreateWriter(rating_model)
