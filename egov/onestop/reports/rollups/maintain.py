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

What the facts read from other tables (a payment paid, the documents'
scans, an "unsatisfied" rating, a complaint: facts.Side) is read with the
dossier (`side_of`: one query, one more for the complaints of a dossier
with a code, one more for the synchronisation rows of a dossier with a row
sent late). Scans change through the dossier services (DossierChanged); a
payment paid and a rating given publish `DossierFiguresChanged` in their
transaction, voice's complaints the platform's `ComplaintsChanged`: the
subscribers here lock the dossier (its services' lock, so no delta is
computed from a fact another transaction is changing) and sync it.

A change made without the services (a bulk update, the SQL console) is not
seen: `egov stats verify` reports it and `egov stats rebuild` repairs it.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import connection
from django.db.models import Exists, F, Min, OuterRef, Q

from egov.onestop.dossiers.models import Dossier, DossierDocument, DossierStatus, Handover
from egov.onestop.events import DossierChanged, DossierEvent, DossierFiguresChanged
from egov.onestop.payments.models import Payment, PaymentStatus
from egov.onestop.portal.models import Rating, RatingValue
from egov.onestop.portalsync.models import OutboxEvent, PortalService
from egov.onestop.reports.models import DailyCount, DossierFact, MonthlyCount
from egov.onestop.reports.rollups.facts import (
    KEY_COLUMNS,
    MEASURES,
    SYNC_WITHIN,
    Facts,
    LateSync,
    Side,
    Source,
    by_month,
    delta,
    facts,
    from_json,
    local_day,
    stored_side,
    to_json,
)
from egov.platform.core.events import Moment, subscribe
from egov.platform.organisation.indicators import ComplaintsChanged, first_complaints


def refused_by_a_step(dossier: Dossier) -> bool:
    """A step refused it: status 8 with a "refuse" hand-over (statistics.py)."""
    if dossier.status != DossierStatus.STOPPED:
        return False
    return Handover.objects.filter(dossier=dossier, action="refuse").exists()


def side_of(dossier: Dossier) -> Side:
    """The facts from other tables (facts.Side), as indicators/formulas.py reads them."""
    if dossier.received_at is None:
        return Side()  # a dossier never received adds no row that reads them
    received = DossierDocument.objects.filter(dossier=OuterRef("pk"), received=True)
    rated = Rating.objects.filter(dossier=OuterRef("pk"), value=RatingValue.UNSATISFIED)
    syncs = OutboxEvent.objects.filter(dossier=OuterRef("pk"), service=PortalService.DOSSIER)
    row = (
        Dossier.objects.filter(pk=dossier.pk)
        .annotate(
            paid=Exists(Payment.objects.filter(dossier=OuterRef("pk"), status=PaymentStatus.PAID)),
            any_document=Exists(received),
            unscanned=Exists(received.filter(Q(scan="") | Q(scan__isnull=True))),
            rated_at=rated.order_by()
            .values("dossier")
            .annotate(first=Min("created_at"))[:1]
            .values("first"),
            synced_at=syncs.order_by()
            .values("dossier")
            .annotate(first=Min("created_at"))[:1]
            .values("first"),
            sent_late=Exists(syncs.filter(sent_at__gt=F("created_at") + SYNC_WITHIN)),
        )
        .order_by()
        .values("paid", "any_document", "unscanned", "rated_at", "synced_at", "sent_late")
        .get()
    )
    disliked: list[datetime] = [row["rated_at"]] if row["rated_at"] is not None else []
    if dossier.code:
        disliked += first_complaints(codes=[dossier.code]).values()
    first = min(disliked, default=None)
    synced = row["synced_at"]
    return Side(
        paid=row["paid"],
        digitised=row["any_document"] and not row["unscanned"],
        disliked_day=local_day(first) if first is not None else None,
        synced_day=local_day(synced) if synced is not None else None,
        # One more query only for a dossier with a row sent late.
        late_syncs=late_syncs(dossier.pk) if row["sent_late"] else (),
    )


def late_syncs(dossier_id: int) -> tuple[LateSync, ...]:
    """Its dossier synchronisation rows sent more than SYNC_WITHIN after they
    were queued (facts.Side), in order."""
    rows = (
        OutboxEvent.objects.filter(
            dossier_id=dossier_id,
            service=PortalService.DOSSIER,
            sent_at__gt=F("created_at") + SYNC_WITHIN,
        )
        .order_by()
        .values_list("created_at", "sent_at")
    )
    return tuple(sorted(LateSync.of(queued, sent) for queued, sent in rows if sent is not None))


# The dossier events that may change its side facts: received (documents,
# code), a scan attached, a supplement received (the applicant's uploads).
# Every other event reuses the side facts its stored fact was made with.
SIDE_EVENTS = frozenset(
    {DossierEvent.ACCEPTED, DossierEvent.SCAN_ATTACHED, DossierEvent.SUPPLEMENT_RECEIVED}
)


def sync(dossier: Dossier, *, created: bool = False, reread: bool = True) -> Facts:
    """Bring the rollups in step with `dossier` as it stands; returns the change applied.

    Must run inside the transaction that changed the dossier. `created`: the
    transaction made the dossier, so it has no fact yet (one read saved).
    `reread`: read the side facts again (`side_of`) rather than take them
    from the stored fact (facts.stored_side) when it has them.
    """
    stored = (
        None if created else DossierFact.objects.select_for_update().filter(pk=dossier.pk).first()
    )
    before = from_json(stored.entries) if stored is not None else {}
    side = None if reread else stored_side(before)
    if side is None:
        side = side_of(dossier)
    current = facts(Source.of(dossier, refused=refused_by_a_step(dossier), side=side))
    if created and not current:
        return {}
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
    event = changed.event
    sync(
        changed.dossier,
        created=event == DossierEvent.REGISTERED,
        reread=event in SIDE_EVENTS,
    )


def _sync_locked(dossiers: list[int]) -> None:
    """Sync these dossiers, each locked first as its services lock it (by pk)."""
    for pk in sorted(dossiers):
        dossier = Dossier.objects.select_for_update(of=("self",)).filter(pk=pk).first()
        if dossier is not None:
            sync(dossier)


def on_figures_changed(changed: DossierFiguresChanged) -> None:
    _sync_locked([changed.dossier_id])


def on_complaints_changed(changed: ComplaintsChanged) -> None:
    codes = sorted(changed.codes)
    _sync_locked(list(Dossier.objects.filter(code__in=codes).values_list("pk", flat=True)))


def connect() -> None:
    subscribe(DossierChanged, on_dossier_changed, moment=Moment.IN_TRANSACTION)
    subscribe(DossierFiguresChanged, on_figures_changed, moment=Moment.IN_TRANSACTION)
    subscribe(ComplaintsChanged, on_complaints_changed, moment=Moment.IN_TRANSACTION)


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
