"""The figures of the service report, read from what the platform recorded (issue 19 item 6).

Requests of a unit are those of its staff (their highest unit in its
subtree); the top of the tree also answers for the requests without a unit
(citizens, visitors). Percentiles come from the fixed buckets: the answer
is the bucket holding the request at that rank, exactly, never an estimate
inside the bucket.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Min, Q, Sum

from egov.platform.accounts.models import Membership
from egov.platform.organisation.models import Unit
from egov.platform.servicelevel.beats import INTERVAL
from egov.platform.servicelevel.models import (
    BUCKET_FIELDS,
    BUCKETS_MS,
    ActiveDay,
    RequestHour,
    ServiceBeat,
)

# An hour whose 5xx answers reach this share of at least this many requests
# is an incident. A house threshold, not a rule: kept here as data.
ERROR_SHARE = 0.05
ERROR_MIN_REQUESTS = 20


@dataclass(frozen=True)
class Latency:
    # Requests per bucket, in the order of BUCKETS_MS, then "above".
    buckets: tuple[int, ...]

    @property
    def count(self) -> int:
        return sum(self.buckets)

    def percentile_bound(self, share: float) -> int | None:
        """The upper bound (ms) of the bucket holding the request at rank
        ceil(share × count); None when it is the last, open bucket or no request."""
        if not self.count:
            return None
        rank = math.ceil(share * self.count)
        seen = 0
        for index, n in enumerate(self.buckets):
            seen += n
            if seen >= rank:
                return BUCKETS_MS[index] if index < len(BUCKETS_MS) else None
        return None  # pragma: no cover - the ranks add up to the count

    @property
    def rows(self) -> list[tuple[str, int]]:
        """(bucket label, requests) in order, for the report's table."""
        labels = [f"≤ {ms:,} ms".replace(",", ".") for ms in BUCKETS_MS]
        labels.append(f"> {BUCKETS_MS[-1]:,} ms".replace(",", "."))
        return list(zip(labels, self.buckets, strict=True))

    def percentile_label(self, share: float) -> str:
        if not self.count:
            return "—"
        bound = self.percentile_bound(share)
        if bound is None:
            return f"> {BUCKETS_MS[-1]:,} ms".replace(",", ".")
        return f"≤ {bound:,} ms".replace(",", ".")


@dataclass(frozen=True)
class RequestFigures:
    count: int
    errors: int
    latency: Latency
    # (group, requests, 5xx), busiest first.
    groups: list[tuple[str, int, int]]


@dataclass(frozen=True)
class Incident:
    kind: str  # "downtime" or "errors"
    start: datetime
    end: datetime
    # For "errors": the requests of its hours and how many answered 5xx.
    requests: int = 0
    errors: int = 0

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class Availability:
    # None when nothing was measured in the period (no beat yet).
    measured_from: datetime | None
    expected: int
    up: int
    jobs_failed: int
    jobs_retried: int
    downtime: list[Incident]

    @property
    def percent(self) -> str:
        if not self.expected:
            return "—"
        return f"{self.up * 100 / self.expected:.2f}".replace(".", ",") + "%"


def _scoped(unit: Unit) -> Q:
    mine = Q(unit__path__startswith=unit.path)
    return mine | Q(unit__isnull=True) if unit.parent_id is None else mine


def request_figures(unit: Unit, *, start: datetime, stop: datetime) -> RequestFigures:
    rows = RequestHour.objects.filter(_scoped(unit), hour__gte=start, hour__lt=stop)
    sums = rows.aggregate(
        count=Sum("count"), errors=Sum("errors"), **{n: Sum(n) for n in BUCKET_FIELDS}
    )
    groups = [
        (row["group"], row["n"], row["e"])
        for row in rows.order_by()
        .values("group")
        .annotate(n=Sum("count"), e=Sum("errors"))
        .order_by("-n", "group")
    ]
    return RequestFigures(
        count=sums["count"] or 0,
        errors=sums["errors"] or 0,
        latency=Latency(tuple(sums[n] or 0 for n in BUCKET_FIELDS)),
        groups=groups,
    )


def error_incidents(unit: Unit, *, start: datetime, stop: datetime) -> list[Incident]:
    """Runs of consecutive hours whose 5xx share reached ERROR_SHARE."""
    hours = (
        RequestHour.objects.filter(_scoped(unit), hour__gte=start, hour__lt=stop)
        .order_by()
        .values("hour")
        .annotate(n=Sum("count"), e=Sum("errors"))
        .order_by("hour")
    )
    incidents: list[Incident] = []
    run: list[tuple[datetime, int, int]] = []

    def close() -> None:
        if run:
            n, e = sum(r[1] for r in run), sum(r[2] for r in run)
            incidents.append(Incident("errors", run[0][0], run[-1][0] + timedelta(hours=1), n, e))
            run.clear()

    for row in hours:
        bad = row["n"] >= ERROR_MIN_REQUESTS and row["e"] >= ERROR_SHARE * row["n"]
        if bad and run and run[-1][0] + timedelta(hours=1) != row["hour"]:
            close()
        if bad:
            run.append((row["hour"], row["n"], row["e"]))
        else:
            close()
    close()
    return incidents


def availability(*, start: datetime, stop: datetime, now: datetime) -> Availability:
    """Slots of the period (cut at now, and at the first beat ever: nothing
    ran before the platform was installed) with and without a beat."""
    first = ServiceBeat.objects.aggregate(first=Min("slot"))["first"]
    until = min(stop, now)
    if first is None or first >= until:
        return Availability(None, 0, 0, 0, 0, [])
    since = max(start, first)
    # Slots are aligned on the heartbeat's schedule: start at the first one at or after `since`.
    offset = (since - first) % INTERVAL
    slot = since if not offset else since + (INTERVAL - offset)
    beats = ServiceBeat.objects.filter(slot__gte=slot, slot__lt=until)
    up_slots = set(beats.values_list("slot", flat=True))
    health = beats.aggregate(failed=Sum("jobs_failed"), retried=Sum("jobs_retried"))
    expected = 0
    downtime: list[Incident] = []
    gap: datetime | None = None
    # The slot still running at `until` has not had its chance to beat yet.
    while slot + INTERVAL <= until:
        expected += 1
        if slot in up_slots:
            if gap is not None:
                downtime.append(Incident("downtime", gap, slot))
                gap = None
        elif gap is None:
            gap = slot
        slot += INTERVAL
    if gap is not None:
        downtime.append(Incident("downtime", gap, slot))
    return Availability(
        measured_from=since,
        expected=expected,
        up=expected - sum(round((i.end - i.start) / INTERVAL) for i in downtime),
        jobs_failed=health["failed"] or 0,
        jobs_retried=health["retried"] or 0,
        downtime=downtime,
    )


def active_users(unit: Unit, *, first: date, last: date) -> int:
    """Staff of the unit's subtree who made at least one request from `first` to `last`."""
    staff = Membership.objects.filter(unit__path__startswith=unit.path).values("user_id")
    return (
        ActiveDay.objects.filter(day__gte=first, day__lte=last, user_id__in=staff)
        .values("user_id")
        .distinct()
        .count()
    )
