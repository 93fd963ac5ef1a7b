"""Recomputing the rollups from the raw rows: `egov stats rebuild` and `egov stats verify`.

Both run in SQL, grouped by the database (issue 20: the first version read
every dossier into Python, about a minute per million dossiers). One
statement (`_fact_rows`) gives, per dossier, the rows it adds by the rules
of facts.py: the same four roles, the same conditions, the local day of
each event (Asia/Ho_Chi_Minh, through the backend's own date cast, as a
`TruncDate` would). From it:

- `rebuild`, in one transaction: `INSERT INTO DailyCount ... SELECT ... GROUP
  BY key` over it, `INSERT INTO MonthlyCount ... SELECT ... GROUP BY month`
  over the daily rows, and `INSERT INTO DossierFact ... SELECT dossier, JSON
  array of its rows` (jsonb on PostgreSQL, SQLite's JSON1 functions), the
  very entries `maintain.sync` would store (facts.to_json: sorted, only the
  non-zero amounts);
- `verify`: the grouped recomputation (one row per counter key, not per
  dossier) compared with both counter tables; every difference listed (rows
  whose amounts are all zero count as absent).

The side facts (facts.Side) come from their tables by `id IN (...)`
(payments, documents); the first "unsatisfied" rating or complaint per
dossier is gathered first into a temporary table (`_fill_disliked`: the
complaints live in voice, which answers through the platform's
`first_complaints`, not in SQL onestop may name).

facts.py stays the definition the dossier's own transaction applies; the
tests compare the two (test_rollups: rebuild gives what the services kept).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Min

from egov.onestop.dossiers.models import (
    Dossier,
    DossierDocument,
    DossierStatus,
    Handover,
    Timeliness,
)
from egov.onestop.payments.models import Payment, PaymentStatus
from egov.onestop.portal.models import Rating, RatingValue
from egov.onestop.portalsync.models import OutboxEvent, PortalService
from egov.onestop.reports.models import Counter, DailyCount, DossierFact, MonthlyCount, RollupRole
from egov.onestop.reports.rollups.facts import (
    KEY_COLUMNS,
    MEASURES,
    OPEN_END,
    SYNC_WITHIN,
    TWO_DAYS,
    Facts,
    Key,
    LateSync,
    by_month,
    local_day,
    sync_late,
)
from egov.platform.organisation.indicators import first_complaints
from egov.platform.workcalendar.deadlines import VN_TZ

CHUNK = 5000
# Per received dossier, the local day of its first "unsatisfied" rating or
# complaint (a temporary table of the connection, filled by `_fill_disliked`).
DISLIKED_TABLE = "reports_disliked_days"
# The SYNC_LATE rows of the dossiers with a synchronisation row sent late
# (facts.sync_late; a temporary table filled by `_fill_sync_late`).
SYNC_LATE_TABLE = "reports_sync_late_rows"


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


S = DossierStatus
R = RollupRole


# PostgreSQL's working memory for the recomputation (rebuild and verify).
# The fact rows test each dossier against whole side tables (`id IN (...)`:
# the paid payments, the received documents, some 2M rows at 1M dossiers).
# With the default 4 MB the planner will not hash those sets and scans one
# per dossier: `egov stats verify` at 1M ran over 30 minutes (estimated
# cost 3.4e10); with 256 MB the sets are hashed (cost 1.5e6).
BATCH_WORK_MEM = "256MB"


@contextmanager
def _batch_memory() -> Iterator[None]:
    """A transaction whose queries may use BATCH_WORK_MEM (PostgreSQL; SET LOCAL)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL work_mem = '{BATCH_WORK_MEM}'")
        yield


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _local_day(column: str) -> tuple[str, list[Any]]:
    sql, params = connection.ops.datetime_cast_date_sql(column, (), str(VN_TZ))
    return sql, list(params)


def _fill_disliked() -> None:
    """(Re)fill DISLIKED_TABLE: the first "unsatisfied" rating or complaint of each dossier."""
    first: dict[int, Any] = dict(
        Rating.objects.filter(value=RatingValue.UNSATISFIED)
        .order_by()
        .values("dossier")
        .annotate(first=Min("created_at"))
        .values_list("dossier", "first")
    )
    complaints = first_complaints()
    codes = sorted(complaints)
    for i in range(0, len(codes), CHUNK):
        chunk = codes[i : i + CHUNK]
        for code, pk in Dossier.objects.filter(code__in=chunk).values_list("code", "pk"):
            moment = complaints[str(code)]
            if pk not in first or moment < first[pk]:
                first[pk] = moment
    table = _q(DISLIKED_TABLE)
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {table} "
            f"({_q('dossier_id')} bigint PRIMARY KEY, {_q('day')} date NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - names are ours
        cursor.executemany(
            f"INSERT INTO {table} VALUES (%s, %s)",  # noqa: S608 - names are ours
            [(pk, adapt(local_day(moment))) for pk, moment in sorted(first.items())],
        )


def _fill_sync_late() -> None:
    """(Re)fill SYNC_LATE_TABLE from the synchronisation rows sent late.

    In Python, by the very function the maintenance uses (facts.sync_late):
    only the dossiers with such a row are read, a small part of them when
    the national portal answers in time.
    """
    late: dict[int, list[LateSync]] = {}
    for pk, queued, sent in (
        OutboxEvent.objects.filter(
            service=PortalService.DOSSIER,
            dossier__isnull=False,
            sent_at__gt=F("created_at") + SYNC_WITHIN,
        )
        .order_by()
        .values_list("dossier_id", "created_at", "sent_at")
        .iterator(CHUNK)
    ):
        if pk is not None and sent is not None:  # as filtered: the types do not know
            late.setdefault(pk, []).append(LateSync.of(queued, sent))
    rows: list[tuple[int, Any, Any, int]] = []
    adapt = connection.ops.adapt_datefield_value
    pks = sorted(late)
    for i in range(0, len(pks), CHUNK):
        for pk, received, ended in Dossier.objects.filter(
            pk__in=pks[i : i + CHUNK], received_at__isnull=False
        ).values_list("pk", "received_at", "ended_at"):
            if received is None:
                continue  # as filtered: the types do not know
            end = local_day(ended) if ended is not None else OPEN_END
            for (day, end_day), n in sync_late(
                local_day(received), end, tuple(sorted(late[pk]))
            ).items():
                rows.append((pk, adapt(day), adapt(end_day), n))
    table = _q(SYNC_LATE_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {table} ({_q('dossier_id')} bigint NOT NULL, "
            f"{_q('day')} date NOT NULL, {_q('end_day')} date NOT NULL, {_q('n')} integer NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - names are ours
        cursor.executemany(
            f"INSERT INTO {table} VALUES (%s, %s, %s, %s)",  # noqa: S608 - names are ours
            sorted(rows),
        )


def _literal(value: str) -> str:
    """A constant of ours (a status's value) as an SQL string literal."""
    assert value.isalnum()  # noqa: S101 - our own constants only
    return f"'{value}'"


def _fact_rows() -> tuple[str, list[Any]]:
    """Per dossier, the counter rows it adds (facts.facts in SQL): columns
    `dossier_id`, KEY_COLUMNS, MEASURES; one SELECT per role, UNION ALL."""
    d = _q(Dossier._meta.db_table)

    def col(name: str) -> str:
        return f"{d}.{_q(name)}"

    received, p_received = _local_day(col("received_at"))
    ended, p_ended = _local_day(col("ended_at"))
    returned, p_returned = _local_day(col("returned_at"))
    dims = [
        f"COALESCE({col('receiving_unit_id')}, 0)",
        f"COALESCE({col('agency_id')}, 0)",
        f"COALESCE({col('procedure_id')}, 0)",
        col("channel"),
    ]
    supplemented = f"CASE WHEN {col('supplement_count')} > 0 THEN 1 ELSE 0 END"
    # A step refused it: status 8 with a "refuse" hand-over (statistics.py).
    refusing = (
        f"SELECT {_q('dossier_id')} FROM {_q(Handover._meta.db_table)} "  # noqa: S608 - names are ours
        f"WHERE {_q('action')} = %s"
    )
    refused = f"({col('status')} = {int(S.STOPPED)} AND {col('id')} IN ({refusing}))"

    def flag(condition: str) -> str:
        return f"CASE WHEN {condition} THEN 1 ELSE 0 END"

    def ids(model: type[Any], where: str) -> str:
        return (
            f"SELECT {_q('dossier_id')} FROM {_q(model._meta.db_table)} "  # noqa: S608 - names are ours
            f"WHERE {_q('dossier_id')} IS NOT NULL AND {where}"
        )

    # The side facts (facts.Side), as formulas.annotate(sets=True) reads them.
    paid_rows = f"{_q('status')} = {_literal(PaymentStatus.PAID)}"
    paid = f"{col('id')} IN ({ids(Payment, paid_rows)})"
    received_docs = f"{_q('received')}"
    unscanned = f"{received_docs} AND ({_q('scan')} = '' OR {_q('scan')} IS NULL)"
    digitised = (
        f"({col('id')} IN ({ids(DossierDocument, received_docs)}) "
        f"AND {col('id')} NOT IN ({ids(DossierDocument, unscanned)}))"
    )
    asked = f"{col('payment_due_vnd')} > 0"
    issued = f"{col('status')} IN ({int(S.FINISHED)}, {int(S.RETURNED)})"
    has_file = f"COALESCE({col('result_file')}, '') <> ''"
    sides = [flag(paid), flag(asked), flag(f"{asked} AND {paid}"), flag(digitised)]

    def when(value: str) -> str:
        return flag(f"{col('timeliness')} = %s") if value else "0"

    status = col("status")
    names = [_q(c) for c in ("dossier_id", *KEY_COLUMNS, *MEASURES)]

    def select(values: list[str], where: str, join: str = "") -> str:
        # Every column named (AS), so that the UNION's rows have the names.
        columns = ", ".join(f"{v} AS {n}" for v, n in zip(values, names, strict=True))
        return f"SELECT {columns} FROM {d}{join} WHERE {where}"  # noqa: S608 - names are ours

    zeros = ["0"] * (len(MEASURES) - 1)
    t = _q(DISLIKED_TABLE)
    late = _q(SYNC_LATE_TABLE)
    disliked_day = f"{t}.{_q('day')}"
    both = f"{col('received_at')} IS NOT NULL AND {col('ended_at')} IS NOT NULL"
    parts: list[tuple[str, list[Any]]] = [
        (
            select(
                [col("id"), received, str(int(R.RECEIVED)), received, *dims, "1"]
                + ["0", "0", "0", supplemented, "0", "0", "0", "0", "0", *sides, "0"],
                f"{col('received_at')} IS NOT NULL",
            ),
            [*p_received, *p_received],
        ),
        (
            select(
                [col("id"), ended, str(int(R.ENDED)), ended, *dims, "1"]
                + [when(Timeliness.EARLY), when(Timeliness.ON_TIME), when(Timeliness.LATE)]
                + [supplemented, flag(refused), flag(f"{status} = {int(S.WITHDRAWN)}")]
                + [flag(f"{status} = {int(S.STOPPED)} AND NOT {refused}")]
                + [flag(f"{status} IN ({int(S.FINISHED)}, {int(S.RETURNED)})")]
                + [f"COALESCE({col('processing_seconds')}, 0)", "0", "0", "0", "0"]
                + [flag(f"{issued} AND {has_file}")],
                both,
            ),
            [
                *p_ended,
                *p_ended,
                Timeliness.EARLY.value,
                Timeliness.ON_TIME.value,
                Timeliness.LATE.value,
                "refuse",
                "refuse",
            ],
        ),
        (
            select(
                [col("id"), returned, str(int(R.RETURNED)), ended, *dims, "1", *zeros],
                f"{both} AND {status} = {int(S.RETURNED)} AND {col('returned_at')} IS NOT NULL",
            ),
            [*p_returned, *p_ended],
        ),
        (
            select(
                [col("id"), ended, str(int(R.NOT_ACCEPTED)), ended, *dims, "1", *zeros],
                f"{col('received_at')} IS NULL AND {col('ended_at')} IS NOT NULL "
                f"AND {status} = {int(S.NOT_ACCEPTED)}",
            ),
            [*p_ended, *p_ended],
        ),
        (
            select(
                [col("id"), received, str(int(R.ISSUED_UNFILED)), ended, *dims, "1", *zeros],
                f"{both} AND {issued} AND NOT {has_file} AND {digitised}",
            ),
            [*p_received, *p_ended],
        ),
        (
            select(
                [
                    col("id"),
                    f"CASE WHEN {disliked_day} > {received} "
                    f"THEN {disliked_day} ELSE {received} END",
                    str(int(R.DISLIKED)),
                    f"COALESCE({ended}, %s)",
                    *dims,
                    "1",
                    *zeros,
                ],
                f"{col('received_at')} IS NOT NULL",
                f" JOIN {t} ON {t}.{_q('dossier_id')} = {col('id')}",
            ),
            [
                *p_received,
                *p_received,
                *p_ended,
                connection.ops.adapt_datefield_value(OPEN_END),
            ],
        ),
        _synced_rows(names, received, p_received, ended, p_ended, dims),
        (
            select(
                [col("id"), f"{late}.{_q('day')}", str(int(R.SYNC_LATE)), f"{late}.{_q('end_day')}"]
                + [*dims, f"{late}.{_q('n')}", *zeros],
                f"{col('received_at')} IS NOT NULL",
                f" JOIN {late} ON {late}.{_q('dossier_id')} = {col('id')}",
            ),
            [],
        ),
    ]
    return " UNION ALL ".join(sql for sql, _p in parts), [p for _sql, ps in parts for p in ps]


def _synced_rows(
    names: list[str],
    received: str,
    p_received: list[Any],
    ended: str,
    p_ended: list[Any],
    dims: list[str],
) -> tuple[str, list[Any]]:
    """The SYNCED rows: the later of the day of receipt and of the first
    dossier synchronisation row queued, until the day it ended."""
    d = _q(Dossier._meta.db_table)
    outbox = _q(OutboxEvent._meta.db_table)
    first = (
        f"SELECT {_q('dossier_id')}, MIN({_q('created_at')}) AS {_q('first')} "  # noqa: S608 - names are ours
        f"FROM {outbox} WHERE {_q('dossier_id')} IS NOT NULL "
        f"AND {_q('service')} = {_literal(PortalService.DOSSIER)} GROUP BY {_q('dossier_id')}"
    )
    s = _q("s")
    synced, p_synced = _local_day(f"{s}.{_q('first')}")
    values = [
        f"{d}.{_q('id')}",
        f"CASE WHEN {synced} > {received} THEN {synced} ELSE {received} END",
        str(int(R.SYNCED)),
        f"COALESCE({ended}, %s)",
        *dims,
        "1",
        *["0"] * (len(MEASURES) - 1),
    ]
    columns = ", ".join(f"{v} AS {n}" for v, n in zip(values, names, strict=True))
    return (
        f"SELECT {columns} FROM {d} JOIN ({first}) AS {s} "  # noqa: S608 - names are ours
        f"ON {s}.{_q('dossier_id')} = {d}.{_q('id')} WHERE {d}.{_q('received_at')} IS NOT NULL",
        [
            *p_synced,
            *p_received,
            *p_synced,
            *p_received,
            *p_ended,
            connection.ops.adapt_datefield_value(OPEN_END),
        ],
    )


def _grouped(source: str) -> str:
    """SELECT the counter rows (KEY_COLUMNS, summed MEASURES) of `source`, grouped by key."""
    keys = ", ".join(_q(c) for c in KEY_COLUMNS)
    sums = ", ".join(f"SUM({_q(m)})" for m in MEASURES)
    return f"SELECT {keys}, {sums} FROM ({source}) AS f GROUP BY {keys}"  # noqa: S608 - names are ours


def _key(row: tuple[Any, ...]) -> Key:
    def day(value: Any) -> str:
        return value if isinstance(value, str) else value.isoformat()

    return (
        day(row[0]),
        int(row[1]),
        day(row[2]),
        int(row[3]),
        int(row[4]),
        int(row[5]),
        int(row[6]),
    )


def expected() -> Facts:
    """The daily counters recomputed from the dossiers (grouped in SQL)."""
    found: Facts = {}
    with _batch_memory(), connection.cursor() as cursor:
        _fill_disliked()
        _fill_sync_late()
        source, params = _fact_rows()
        cursor.execute(_grouped(source), params)
        for row in cursor.fetchall():
            amounts = {
                m: int(v) for m, v in zip(MEASURES, row[len(KEY_COLUMNS) :], strict=True) if v
            }
            if amounts:
                found[_key(row)] = amounts
    return found


def stored(model: type[Counter] = DailyCount) -> Facts:
    """The counters as `model` holds them (rows of zeros left out)."""
    found: Facts = {}
    for row in (
        model._default_manager.order_by().values_list(*KEY_COLUMNS, *MEASURES).iterator(5000)
    ):
        amounts = {m: int(v) for m, v in zip(MEASURES, row[len(KEY_COLUMNS) :], strict=True) if v}
        if amounts:
            found[_key(row)] = amounts
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


def _entries_sql(source: str) -> str:
    """SELECT dossier_id, its DossierFact entries (facts.to_json) from `source`."""
    keys = ", ".join(_q(c) for c in KEY_COLUMNS)
    if connection.vendor == "postgresql":
        amounts = ", ".join(f"'{m}', NULLIF({_q(m)}, 0)" for m in MEASURES)
        day = f"to_char({_q('day')}, 'YYYY-MM-DD')"
        end_day = f"to_char({_q('end_day')}, 'YYYY-MM-DD')"
        dims = ", ".join(_q(c) for c in KEY_COLUMNS[3:])
        entry = (
            f"jsonb_build_array({day}, {_q('role')}, {end_day}, {dims}, "
            f"jsonb_strip_nulls(jsonb_build_object({amounts})))"
        )
        return (
            f"SELECT {_q('dossier_id')}, jsonb_agg({entry} ORDER BY {keys}) "  # noqa: S608 - names are ours
            f"FROM ({source}) AS f GROUP BY {_q('dossier_id')}"
        )
    # SQLite: json_patch with an object drops its null members (RFC 7396),
    # as jsonb_strip_nulls does; the rows come sorted from the inner ORDER BY.
    amounts = ", ".join(f"'{m}', NULLIF({_q(m)}, 0)" for m in MEASURES)
    entry = f"json_array({keys}, json_patch('{{}}', json_object({amounts})))"
    return (
        f"SELECT {_q('dossier_id')}, json_group_array({entry}) "  # noqa: S608 - names are ours
        f"FROM (SELECT * FROM ({source}) AS s ORDER BY {_q('dossier_id')}, {keys}) AS f "
        f"GROUP BY {_q('dossier_id')}"
    )


def _monthly_sql() -> tuple[str, list[Any]]:
    """INSERT the monthly counters, grouped from the daily ones (facts.by_month)."""
    day = _q("day")
    month, params = connection.ops.date_trunc_sql("month", day, ())
    if connection.vendor == "postgresql":
        month = f"CAST({month} AS date)"
    two_days = ", ".join(str(int(role)) for role in TWO_DAYS)
    end = f"CASE WHEN {_q('role')} IN ({two_days}) THEN {_q('end_day')} ELSE {month} END"
    dims = ", ".join(_q(c) for c in KEY_COLUMNS[3:])
    sums = ", ".join(f"SUM({_q(m)})" for m in MEASURES)
    columns = ", ".join(_q(c) for c in (*KEY_COLUMNS, *MEASURES))
    # Grouped by position: the month's expression may carry parameters.
    positions = ", ".join(str(i) for i in range(1, len(KEY_COLUMNS) + 1))
    return (
        f"INSERT INTO {_q(MonthlyCount._meta.db_table)} ({columns}) "  # noqa: S608 - names are ours
        f"SELECT {month}, {_q('role')}, {end}, {dims}, {sums} "
        f"FROM {_q(DailyCount._meta.db_table)} GROUP BY {positions}",
        [*params, *params],
    )


def rebuild() -> tuple[int, int]:
    """Replace the rollups by the recomputation; returns (dossiers, daily counter rows).

    On PostgreSQL the three tables are locked first: a dossier changed
    meanwhile waits for the rebuild at its fact's lock (maintain.sync), then
    applies its delta to the rebuilt counts.
    """
    columns = ", ".join(_q(c) for c in (*KEY_COLUMNS, *MEASURES))
    with _batch_memory(), connection.cursor() as cursor:
        _fill_disliked()
        _fill_sync_late()
        source, params = _fact_rows()
        if connection.vendor == "postgresql":
            for model in (DossierFact, DailyCount, MonthlyCount):
                cursor.execute(f"LOCK TABLE {_q(model._meta.db_table)} IN EXCLUSIVE MODE")
        DossierFact.objects.all().delete()
        DailyCount.objects.all().delete()
        MonthlyCount.objects.all().delete()
        cursor.execute(
            f"INSERT INTO {_q(DailyCount._meta.db_table)} ({columns}) {_grouped(source)}",
            params,
        )
        rows = cursor.rowcount
        cursor.execute(*_monthly_sql())
        fact = _q(DossierFact._meta.db_table)
        cursor.execute(
            f"INSERT INTO {fact} ({_q('dossier_id')}, {_q('entries')}) {_entries_sql(source)}",
            params,
        )
        dossiers = Dossier.objects.count()
    return dossiers, rows
