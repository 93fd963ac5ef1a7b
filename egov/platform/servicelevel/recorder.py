"""Requests counted in memory and written in batches (issue 19 item 6).

Each process adds a finished request to a dict (a lock and a few integer
additions) and writes the dict every `SERVICE_METRICS_FLUSH_SECONDS` with
one `UPDATE ... SET count = count + n` per row touched, inserting the rows
that do not exist yet. Why not an UPSERT per request: on SQLite every page
view would then take the database's one write lock, and on PostgreSQL it
adds a round trip and a hot row per hour that every worker updates. Several
gunicorn workers each keep their own dict; the increments are atomic in the
database (`F()` updates; a lost insert race retries as an update), so no
count is lost between workers. A process that is killed loses at most what
it gathered since its last write; a clean stop writes it (apps.py, atexit).
docs/service-report.md has the figures of bench/servicelevel.py.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F

from egov.platform.accounts.models import Membership, User
from egov.platform.servicelevel.models import BUCKET_FIELDS, BUCKETS_MS, ActiveDay, RequestHour
from egov.platform.workcalendar.deadlines import VN_TZ

log = logging.getLogger(__name__)

# Per (hour, user id or None, group): [count, errors, *one count per bucket].
Key = tuple[datetime, int | None, str]

_lock = threading.Lock()
_requests: dict[Key, list[int]] = {}
_active: set[tuple[date, int]] = set()
_last_flush = time.monotonic()


def bucket_of(elapsed_ms: float) -> int:
    """The index of the latency bucket holding `elapsed_ms`."""
    for index, bound in enumerate(BUCKETS_MS):
        if elapsed_ms <= bound:
            return index
    return len(BUCKETS_MS)


def record(
    *, at: datetime, user_id: int | None, group: str, status: int, elapsed_ms: float
) -> bool:
    """Count one finished request; True when it is time to `flush`."""
    hour = at.replace(minute=0, second=0, microsecond=0)
    key = (hour, user_id, group)
    bucket = 2 + bucket_of(elapsed_ms)
    with _lock:
        row = _requests.get(key)
        if row is None:
            row = _requests[key] = [0] * (2 + len(BUCKET_FIELDS))
        row[0] += 1
        if status >= 500:
            row[1] += 1
        row[bucket] += 1
        if user_id is not None:
            _active.add((at.astimezone(VN_TZ).date(), user_id))
        return time.monotonic() - _last_flush >= settings.SERVICE_METRICS_FLUSH_SECONDS


def _take() -> tuple[dict[Key, list[int]], set[tuple[date, int]]]:
    global _requests, _active, _last_flush
    with _lock:
        taken, active = _requests, _active
        _requests, _active = {}, set()
        _last_flush = time.monotonic()
    return taken, active


def _give_back(taken: dict[Key, list[int]], active: set[tuple[date, int]]) -> None:
    with _lock:
        for key, values in taken.items():
            row = _requests.setdefault(key, [0] * len(values))
            for index, value in enumerate(values):
                row[index] += value
        _active.update(active)


def _units_of(user_ids: Iterable[int]) -> dict[int, int]:
    """Each user's highest unit (the shortest path, then the path), if any."""
    rows = Membership.objects.filter(user_id__in=set(user_ids), unit__is_active=True).values_list(
        "user_id", "unit_id", "unit__path"
    )
    best: dict[int, tuple[int, str, int]] = {}
    for user_id, unit_id, path in rows:
        rank = (path.count("/"), path, unit_id)
        if user_id not in best or rank < best[user_id]:
            best[user_id] = rank
    return {user_id: rank[2] for user_id, rank in best.items()}


def _add(hour: datetime, unit_id: int | None, group: str, values: list[int]) -> None:
    rows = RequestHour.objects.filter(hour=hour, group=group)
    rows = rows.filter(unit__isnull=True) if unit_id is None else rows.filter(unit_id=unit_id)
    increments: dict[str, Any] = {
        "count": F("count") + values[0],
        "errors": F("errors") + values[1],
    }
    for name, value in zip(BUCKET_FIELDS, values[2:], strict=True):
        if value:
            increments[name] = F(name) + value
    if rows.update(**increments):
        return
    fields = dict(zip(("count", "errors", *BUCKET_FIELDS), values, strict=True))
    try:
        # A savepoint: another process may insert the same row first.
        with transaction.atomic():
            RequestHour.objects.create(hour=hour, unit_id=unit_id, group=group, **fields)
    except IntegrityError:
        rows.update(**increments)


def flush() -> int:
    """Write what this process gathered; the number of rows touched."""
    taken, active = _take()
    if not taken and not active:
        return 0
    try:
        units = _units_of({user for _, user, _ in taken if user is not None})
        merged: dict[tuple[datetime, int | None, str], list[int]] = {}
        for (hour, user_id, group), values in taken.items():
            unit_id = None if user_id is None else units.get(user_id)
            row = merged.setdefault((hour, unit_id, group), [0] * len(values))
            for index, value in enumerate(values):
                row[index] += value
        with transaction.atomic():
            for (hour, unit_id, group), values in sorted(
                merged.items(), key=lambda item: (item[0][0], item[0][1] or 0, item[0][2])
            ):
                _add(hour, unit_id, group, values)
            # A user deleted since their request would fail the whole write, again and again.
            known = set(
                User.objects.filter(pk__in={u for _, u in active}).values_list("pk", flat=True)
            )
            ActiveDay.objects.bulk_create(
                [ActiveDay(day=d, user_id=u) for d, u in sorted(active) if u in known],
                ignore_conflicts=True,
            )
    except DatabaseError:
        # The database is away: keep the counts for the next write.
        _give_back(taken, active)
        raise
    return len(merged)


def flush_quietly() -> None:
    """`flush` for the end of a request and process exit: never fails the caller."""
    try:
        flush()
    except Exception:  # noqa: BLE001 - measuring must never break a request
        log.exception("could not write the request figures; kept for the next write")


def discard() -> None:
    """Forget what this process gathered (tests start from nothing)."""
    _take()
