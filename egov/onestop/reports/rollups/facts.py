"""What one dossier adds to the daily rollups: a pure function of its row.

A dossier adds at most four rows, each a key (local day, role, end day,
receiving unit, agency, procedure, channel) with amounts:

- RECEIVED on the day of receipt: 1 dossier, `supplemented` 1 if it ever had
  a supplement request;
- ENDED on the day of its first end event (received dossiers only): 1
  dossier, its timeliness, its outcome (refused by a step, withdrawn,
  stopped, finished or returned), `supplemented`, its processing seconds;
- RETURNED on the day the result was handed over, keyed also by the day it
  ended (a period counts as returned the dossiers that ended in it and were
  handed over before its end: two dates);
- NOT_ACCEPTED on the day of the refusal at the desk (never received);
- DISLIKED on the later of the day of receipt and the first "unsatisfied"
  rating or complaint, keyed also by the day it ended (OPEN_END while open);
- ISSUED_UNFILED on the day of receipt, keyed also by the day it ended: a
  digitised dossier whose result (status 9 or 10) has no result file;
- SYNCED on the later of the day of receipt and the day its first dossier
  synchronisation row was queued, keyed also by the day it ended;
- SYNC_LATE: +1/−1 rows that tell, for any period, whether one of its
  synchronisation rows already sent was late for that period (`sync_late`).

The RECEIVED row also counts what the indicator set asks of new dossiers
(paid online, an amount asked, digitised), the ENDED row the results with
their file. Those facts live in other tables (payments, documents, ratings,
voice's complaints): `Side` carries them, maintain.py reads them.

These are exactly the conditions of statistics.py, cut by day; the readers
(readers.py) put them back together for any period. Days are local
(Asia/Ho_Chi_Minh), as the periods are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from egov.onestop.dossiers.models import DossierStatus, Timeliness
from egov.onestop.reports.models import RollupRole
from egov.platform.workcalendar.deadlines import VN_TZ

S = DossierStatus

# The amount columns of DailyCount, in the order of the upsert.
MEASURES = (
    "dossiers",
    "early",
    "on_time",
    "late",
    "supplemented",
    "refused",
    "withdrawn",
    "stopped",
    "finished",
    "processing_seconds",
    "paid",
    "amount_asked",
    "paid_asked",
    "digitised",
    "with_result_file",
)
# The key columns of DailyCount, in the order of `Key`.
KEY_COLUMNS = (
    "day",
    "role",
    "end_day",
    "receiving_unit_id",
    "agency_id",
    "procedure_id",
    "channel",
)
# The dossier columns the facts are made of (rebuild.py reads only these).
SOURCE_COLUMNS = (
    "pk",
    "received_at",
    "ended_at",
    "returned_at",
    "status",
    "timeliness",
    "supplement_count",
    "processing_seconds",
    "receiving_unit_id",
    "agency_id",
    "procedure_id",
    "channel",
    "payment_due_vnd",
    "result_file",
)
# The end day of a row whose dossier has not ended (DISLIKED): after every period.
OPEN_END = date(9999, 12, 31)
# Rows keyed by two days: their `end_day` stays exact in MonthlyCount.
TWO_DAYS = (
    RollupRole.RETURNED,
    RollupRole.DISLIKED,
    RollupRole.ISSUED_UNFILED,
    RollupRole.SYNCED,
    RollupRole.SYNC_LATE,
)
# The delay after which a queued synchronisation row is late, as the rollups
# hold it: the `sync_within_hours` of the definition in force
# (indicators/definitions/qd766-2026.toml; NOT VERIFIED, the national
# portal's own delay). A definition with another delay is counted over the
# dossiers instead (indicators/rolled.py).
SYNC_WITHIN = timedelta(hours=24)

# (day, role, end day, receiving unit, agency, procedure, channel); days as ISO
# text so that a fact round-trips through JSON unchanged.
Key = tuple[str, int, str, int, int, int, int]
Amounts = dict[str, int]
Facts = dict[Key, Amounts]


@dataclass(frozen=True)
class Side:
    """What the facts read from other tables than the dossier's (maintain.side_of)."""

    # A payment through a gateway is paid (formulas.paid_online).
    paid: bool = False
    # Every received document carries a scan, and there is one (digitised_components).
    digitised: bool = False
    # The local day of the first "unsatisfied" rating or complaint naming the
    # dossier (satisfaction).
    disliked_day: date | None = None
    # The local day its first dossier synchronisation row was queued (synchronised).
    synced_day: date | None = None
    # Its synchronisation rows sent more than SYNC_WITHIN after they were
    # queued, each as (LateSync): the rows still unsent are not facts but a
    # judgement at a moment (rolled.py counts them from the unsent rows).
    late_syncs: tuple[LateSync, ...] = ()


@dataclass(frozen=True, order=True)
class LateSync:
    """A synchronisation row sent late, by its local days."""

    # Queued on this day.
    queued: date
    # Overdue on this day (queued + SYNC_WITHIN).
    overdue: date
    # Sent on this day.
    sent: date

    @classmethod
    def of(cls, queued: datetime, sent: datetime) -> LateSync:
        return cls(local_day(queued), local_day(queued + SYNC_WITHIN), local_day(sent))


NO_SIDE = Side()


@dataclass(frozen=True)
class Source:
    """The columns of a dossier the facts depend on, and whether a step refused it."""

    received_at: datetime | None
    ended_at: datetime | None
    returned_at: datetime | None
    status: int
    timeliness: str
    supplement_count: int
    processing_seconds: int | None
    receiving_unit_id: int | None
    agency_id: int | None
    procedure_id: int | None
    channel: int
    payment_due_vnd: int
    has_result_file: bool
    refused: bool
    side: Side = NO_SIDE

    @classmethod
    def of(cls, row: Any, *, refused: bool, side: Side = NO_SIDE) -> Source:
        """From a `Dossier` or from a dict of `SOURCE_COLUMNS`."""

        def get(name: str) -> Any:
            return row[name] if isinstance(row, dict) else getattr(row, name)

        return cls(
            received_at=get("received_at"),
            ended_at=get("ended_at"),
            returned_at=get("returned_at"),
            status=int(get("status")),
            timeliness=get("timeliness") or "",
            supplement_count=int(get("supplement_count") or 0),
            processing_seconds=get("processing_seconds"),
            receiving_unit_id=get("receiving_unit_id"),
            agency_id=get("agency_id"),
            procedure_id=get("procedure_id"),
            channel=int(get("channel")),
            payment_due_vnd=int(get("payment_due_vnd") or 0),
            has_result_file=bool(get("result_file")),
            refused=refused,
            side=side,
        )


def local_day(moment: datetime) -> date:
    return moment.astimezone(VN_TZ).date()


def facts(source: Source) -> Facts:
    """The rows the dossier adds, each with only its non-zero amounts."""
    found: Facts = {}
    dims = (
        source.receiving_unit_id or 0,
        source.agency_id or 0,
        source.procedure_id or 0,
        source.channel,
    )

    def add(role: RollupRole, day: date, amounts: Amounts, end_day: date | None = None) -> None:
        key: Key = (day.isoformat(), int(role), (end_day or day).isoformat(), *dims)
        found[key] = {name: value for name, value in amounts.items() if value}

    supplemented = int(source.supplement_count > 0)
    side = source.side
    if source.received_at is not None:
        received = local_day(source.received_at)
        asked = int(source.payment_due_vnd > 0)
        add(
            RollupRole.RECEIVED,
            received,
            {
                "dossiers": 1,
                "supplemented": supplemented,
                "paid": int(side.paid),
                "amount_asked": asked,
                "paid_asked": int(side.paid) * asked,
                "digitised": int(side.digitised),
            },
        )
        ended = local_day(source.ended_at) if source.ended_at is not None else None
        if side.disliked_day is not None:
            add(
                RollupRole.DISLIKED,
                max(received, side.disliked_day),
                {"dossiers": 1},
                ended or OPEN_END,
            )
        if side.synced_day is not None:
            add(
                RollupRole.SYNCED,
                max(received, side.synced_day),
                {"dossiers": 1},
                ended or OPEN_END,
            )
        for (day, end_day), n in sync_late(received, ended or OPEN_END, side.late_syncs).items():
            found[(day.isoformat(), int(RollupRole.SYNC_LATE), end_day.isoformat(), *dims)] = {
                "dossiers": n
            }
        issued = source.status in (S.FINISHED, S.RETURNED)
        if ended is not None and issued and side.digitised and not source.has_result_file:
            add(RollupRole.ISSUED_UNFILED, received, {"dossiers": 1}, ended)
        if source.ended_at is not None and ended is not None:
            status = source.status
            add(
                RollupRole.ENDED,
                ended,
                {
                    "dossiers": 1,
                    "early": int(source.timeliness == Timeliness.EARLY),
                    "on_time": int(source.timeliness == Timeliness.ON_TIME),
                    "late": int(source.timeliness == Timeliness.LATE),
                    "supplemented": supplemented,
                    "refused": int(status == S.STOPPED and source.refused),
                    "withdrawn": int(status == S.WITHDRAWN),
                    "stopped": int(status == S.STOPPED and not source.refused),
                    "finished": int(status in (S.FINISHED, S.RETURNED)),
                    "processing_seconds": int(source.processing_seconds or 0),
                    "with_result_file": int(issued and source.has_result_file),
                },
            )
            if status == S.RETURNED and source.returned_at is not None:
                add(RollupRole.RETURNED, local_day(source.returned_at), {"dossiers": 1}, ended)
    elif source.status == S.NOT_ACCEPTED and source.ended_at is not None:
        add(RollupRole.NOT_ACCEPTED, local_day(source.ended_at), {"dossiers": 1})
    return found


def sync_late(
    received: date, ended: date, late: tuple[LateSync, ...]
) -> dict[tuple[date, date], int]:
    """The SYNC_LATE rows of a dossier received on `received`, ended on `ended`
    (OPEN_END: open), with these synchronisation rows sent late: {(day,
    end_day): +1 or −1}.

    formulas.synchronised counts a dossier late in a period [first, last]
    when it is received or processed in it (received by `last`, not ended
    before `first`) and one of its rows was queued in the period and sent
    late (queued ≤ last and queued ≥ first), or was overdue and still unsent
    at the period's end (overdue ≤ last < sent). Per value of `last`, the
    `first` values that count are then those up to a bound F(last): the
    day it ended, capped by the latest row queued by `last` unless a row was
    overdue and unsent at its end. A row (day, end_day) counts in a period
    when day ≤ last and end_day ≥ first; so the step function F is written
    as +1 at (start of each step, F) and −1 at (start of the next step, F):
    exactly 1 for every period in which the dossier counts, 0 otherwise.
    """
    if not late:
        return {}
    # Where F may change: a row queued, a row overdue, a row sent (its band ends).
    starts = {received}
    for row in late:
        starts.update(day for day in (row.queued, row.overdue, row.sent) if day > received)
    steps = sorted(starts)

    def bound(last: date) -> date | None:
        if any(row.overdue <= last < row.sent for row in late):
            return ended
        queued = [row.queued for row in late if row.queued <= last]
        return min(ended, max(queued)) if queued else None

    rows: dict[tuple[date, date], int] = {}
    previous: date | None = None
    for day in steps:
        value = bound(day)
        if value == previous:
            continue
        if previous is not None:
            rows[(day, previous)] = rows.get((day, previous), 0) - 1
        if value is not None:
            rows[(day, value)] = rows.get((day, value), 0) + 1
        previous = value
    return {key: n for key, n in rows.items() if n}


def stored_side(found: Facts) -> Side | None:
    """The side facts a received dossier's facts were made with (None: not
    received, or a late synchronisation the rows do not tell back: read
    again). The DISLIKED row's day stands for the judgement's, the SYNCED
    row's for the first synchronisation: the facts only ever read the later
    of it and the day of receipt, which is that day."""
    received = [k for k in found if k[1] == RollupRole.RECEIVED]
    if not received or any(k[1] == RollupRole.SYNC_LATE for k in found):
        return None
    amounts = found[received[0]]
    disliked = [k[0] for k in found if k[1] == RollupRole.DISLIKED]
    synced = [k[0] for k in found if k[1] == RollupRole.SYNCED]
    return Side(
        paid=amounts.get("paid", 0) > 0,
        digitised=amounts.get("digitised", 0) > 0,
        disliked_day=date.fromisoformat(disliked[0]) if disliked else None,
        synced_day=date.fromisoformat(synced[0]) if synced else None,
    )


def to_json(found: Facts) -> list[list[Any]]:
    """A fact as stored in `DossierFact.entries`: [[key..., {amounts}], ...], sorted."""
    return [[*key, amounts] for key, amounts in sorted(found.items())]


def from_json(entries: list[list[Any]]) -> Facts:
    return {
        (str(e[0]), int(e[1]), str(e[2]), int(e[3]), int(e[4]), int(e[5]), int(e[6])): {
            str(k): int(v) for k, v in e[7].items()
        }
        for e in entries
    }


def delta(old: Facts, new: Facts) -> Facts:
    """new − old per key, keeping the keys with a non-zero amount."""
    changed: Facts = {}
    for key in old.keys() | new.keys():
        before, after = old.get(key, {}), new.get(key, {})
        diff = {m: after.get(m, 0) - before.get(m, 0) for m in MEASURES}
        diff = {m: v for m, v in diff.items() if v}
        if diff:
            changed[key] = diff
    return changed


def by_month(found: Facts) -> Facts:
    """The same amounts keyed by month (`day` → the month's first day) for
    `MonthlyCount`; a row keyed by two days (TWO_DAYS) keeps its exact end
    day, and every other row's end day is its month too."""
    months: Facts = {}
    for key, amounts in found.items():
        day, role, end_day, *dims = key
        month = day[:8] + "01"
        end = end_day if role in TWO_DAYS else month
        monthly: Key = (month, role, end, dims[0], dims[1], dims[2], dims[3])
        total = months.setdefault(monthly, {})
        for measure, value in amounts.items():
            total[measure] = total.get(measure, 0) + value
    return months
