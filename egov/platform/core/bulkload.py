"""Inserting many rows fast: PostgreSQL's COPY, with bulk_create elsewhere.

`bulk_create` spends most of its time preparing each value of each row in
Python and parsing one very long INSERT; COPY takes rows as they are,
several times faster. Used where rows come by the hundred thousand (the
synthetic data generator, bulk search indexing), never for one row.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

Row = dict[str, Any]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _copy_columns(
    model: type[models.Model], with_pk: bool
) -> list[tuple[str, str, Any, Callable[[Any], Any]]]:
    """(attribute, column, default, conversion to what COPY takes) per concrete field."""
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


def copy_rows(model: type[models.Model], rows: Sequence[Row], *, with_pk: bool) -> None:
    """COPY plain rows (values by attribute name) into `model`'s table (PostgreSQL)."""
    if not rows:
        return
    columns = _copy_columns(model, with_pk)
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(c[1]) for c in columns)
    )
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(
                [convert(row.get(attname, default)) for attname, _c, default, convert in columns]
            )


def take_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` keys from the table's sequence (PostgreSQL), for rows inserted by COPY."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def insert_objects(
    model: type[models.Model], objects: Sequence[models.Model], *, batch_size: int = 1000
) -> None:
    """Insert unsaved instances and set their keys: COPY on PostgreSQL, else bulk_create.

    COPY writes the instances' values as they are (an empty auto_now field
    gets the current time), and no conflict is ignored (a duplicate fails the
    statement). A foreign key is read from its `_id` attribute, so build
    dependent rows after their parents are inserted. Calling code that needs
    the same timestamps under bulk_create switches auto_now off itself.
    """
    if not objects:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects, batch_size=batch_size)
        return
    for obj, pk in zip(objects, take_ids(model, len(objects)), strict=True):
        obj.pk = pk
    now = timezone.now()
    # What `pre_save` would fill in: an auto_now(_add) field the instance left empty.
    stamped = {
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add)
    }
    rows = []
    for obj in objects:
        row = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
        for name in stamped:
            if row[name] is None:
                row[name] = now
        rows.append(row)
    copy_rows(model, rows, with_pk=True)
