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

import enum
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models

from egov.onestop.dossiers.models import Dossier, Handover, SupplementRequest
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
        for pk, life in zip(ids, lives, strict=True):
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
        return {
            "dossiers": len(ids),
            "handovers": len(handovers),
            "supplement_requests": len(supplements),
            "ratings": len(ratings) if self.rating_model is not None else 0,
        }

    def dossiers(self, rows: list[Row]) -> list[int]:
        raise NotImplementedError

    def rows(self, model: type[models.Model], rows: list[Row]) -> None:
        raise NotImplementedError


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


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


class CopyWriter(Writer):
    """PostgreSQL COPY; dossier keys are taken from the table's sequence first."""

    def _columns(
        self, model: type[models.Model], with_pk: bool
    ) -> list[tuple[str, str, Any, Callable[[Any], Any]]]:
        from psycopg.types.json import Jsonb

        columns = []
        for f in model._meta.concrete_fields:
            if f.primary_key and not with_pk:
                continue
            convert: Callable[[Any], Any] = _plain if f.choices else (lambda v: v)
            if isinstance(f, models.JSONField):
                convert = Jsonb
            elif isinstance(f, models.FileField):
                convert = str
            default = None if f.primary_key else f.get_default()
            columns.append((f.attname, f.column, default, convert))
        return columns

    def _copy(self, model: type[models.Model], rows: list[Row], with_pk: bool) -> None:
        if not rows:
            return
        columns = self._columns(model, with_pk)
        quote = connection.ops.quote_name
        sql = "COPY {} ({}) FROM STDIN".format(
            quote(model._meta.db_table), ", ".join(quote(c[1]) for c in columns)
        )
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(
                    [
                        convert(row.get(attname, default))
                        for attname, _c, default, convert in columns
                    ]
                )

    def dossiers(self, rows: list[Row]) -> list[int]:
        table = Dossier._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        for row, pk in zip(rows, ids, strict=True):
            row["id"] = pk
        self._copy(Dossier, rows, True)
        return ids

    def rows(self, model: type[models.Model], rows: list[Row]) -> None:
        self._copy(model, rows, False)


def make_writer(method: str, rating_model: type[models.Model] | None) -> Writer:
    """`auto`: COPY on PostgreSQL, bulk_create elsewhere."""
    if method == "auto":
        method = "copy" if connection.vendor == "postgresql" else "bulk"
    if method == "copy":
        if connection.vendor != "postgresql":
            raise ValueError("COPY needs PostgreSQL")
        return CopyWriter(rating_model)
    return BulkCreateWriter(rating_model)
