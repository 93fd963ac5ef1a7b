"""The computed indicators from the rollups (issue 20).

Every part of on_time, satisfaction (the "disliked" part too: a rollup row
per dossier rated "unsatisfied" or named by a complaint), fully_online,
paid_online, electronic_results, digitised_components and synchronised, and
every denominator, are sums of the daily counters (docs/statistics.md) plus
the dossiers open at the period's end (an indexed query over the open ones):
`readers.indicator_figures`.

synchronised's numerator = the dossiers synchronised by the period's end
(SYNCED rows) − those late by a row already sent (SYNC_LATE rows,
facts.sync_late) − those late only by a row still unsent at the period's
end (or now, for the current period): a judgement at a moment, not a fact
of a day, counted by one query over the unsent rows (`unsent_late`, an
index on `sent_at`). The rollups hold one delay (facts.SYNC_WITHIN); a
definition with another `sync_within_hours` has its numerator counted by
one aggregate over the period's dossiers, as before.

The figures equal those of formulas.py counted over the dossiers
(`from_dossiers`, kept as the definition and the recomputation the tests
compare with).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from egov.onestop.dossiers.models import Dossier
from egov.onestop.portalsync.models import OutboxEvent, PortalService
from egov.onestop.reports.indicators.definition import IndicatorSpec
from egov.onestop.reports.indicators.formulas import (
    DENOMINATOR,
    DISLIKED,
    FORMULAS,
    LATE,
    MISSED,
    NUMERATOR,
    Context,
    annotate,
)
from egov.onestop.reports.rollups.facts import SYNC_WITHIN
from egov.onestop.reports.rollups.readers import indicator_figures
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import counted

# The dossiers a report counts as "received or processed": resolved in the
# period or open at its end (formulas.on_time's denominator).
_HANDLED = ("resolved", "open_all")

# Per formula: (the parts from the rollups' figures, the parts left to the
# dossiers' aggregate).
Rolled = Callable[[dict[str, int], IndicatorSpec], dict[str, int]]
ROLLED: dict[str, tuple[Rolled, tuple[str, ...]]] = {
    "on_time": (
        lambda v, _s: {
            NUMERATOR: v["early"] + v["on_time"] + v["open_within"],
            DENOMINATOR: sum(v[n] for n in _HANDLED),
        },
        (),
    ),
    "satisfaction": (
        lambda v, _s: {
            LATE: v["late"] + v["open_past"],
            DISLIKED: v["disliked"],
            DENOMINATOR: sum(v[n] for n in _HANDLED),
        },
        (),
    ),
    "fully_online": (
        lambda v, _s: {NUMERATOR: v["new_full_online"], DENOMINATOR: v["new_full"]},
        (),
    ),
    # Fee-bearing: the procedure's fee, charge or council-set amount, or else
    # an amount asked of the dossier while paused.
    "paid_online": (
        lambda v, _s: {
            NUMERATOR: v["paid_fee"] + v["paid_asked_other"],
            DENOMINATOR: v["new_fee"] + v["asked_other"],
        },
        (),
    ),
    # Resolved in the period with status 9 or 10: the ended rows' `finished`.
    "electronic_results": (
        lambda v, _s: {NUMERATOR: v["with_result_file"], DENOMINATOR: v["finished"]},
        (),
    ),
    "digitised_components": (
        lambda v, s: {
            NUMERATOR: v["digitised"]
            - (v["issued_unfiled"] if s.params.get("paper_result_needs_electronic") else 0),
            DENOMINATOR: v["new"],
        },
        (),
    ),
    # Synchronised by the end and not late: late by a row sent (the rollups)
    # or by one unsent at the end (`unsent_late`).
    "synchronised": (
        lambda v, _s: {
            NUMERATOR: v["synced"] - v["sync_late"] - v["sync_unsent_late"],
            DENOMINATOR: sum(v[n] for n in _HANDLED),
        },
        (),
    ),
}


def _rolled_delay(spec: IndicatorSpec) -> bool:
    """Whether the rollups hold this synchronised definition's delay."""
    hours = int(spec.params.get("sync_within_hours", 24))
    return spec.formula == "synchronised" and timedelta(hours=hours) == SYNC_WITHIN


def _left(spec: IndicatorSpec) -> tuple[str, ...]:
    """The parts of `spec` left to the dossiers' aggregate."""
    if spec.formula == "synchronised" and not _rolled_delay(spec):
        return (NUMERATOR,)
    return ROLLED[spec.formula][1]


def unsent_late(scope: Scope, period: Period, now: datetime) -> int:
    """The dossiers received or processed in the period that are late only by a
    synchronisation row unsent at its end (or now) more than SYNC_WITHIN
    after it was queued (formulas.annotate's rule): what the SYNC_LATE rows,
    made of the rows already sent, do not count.

    The unsent rows are found by the index on `sent_at`; a dossier the
    SYNC_LATE rows already count for this period is left out (`counted_late`
    is their very condition)."""
    judged = min(period.stop, now)
    start, stop = period.start, period.stop
    rows = OutboxEvent.objects.filter(service=PortalService.DOSSIER, dossier__isnull=False)
    unsent = (
        rows.filter(Q(sent_at__isnull=True) | Q(sent_at__gte=judged))
        .filter(created_at__lt=judged - SYNC_WITHIN)
        .order_by()
        .values("dossier_id")
    )
    counted_late = rows.filter(
        dossier=OuterRef("pk"), sent_at__gt=F("created_at") + SYNC_WITHIN
    ).filter(
        Q(created_at__gte=start, created_at__lt=stop)
        | Q(created_at__lt=stop - SYNC_WITHIN, sent_at__gte=stop)
    )
    return (
        counted(scope, period)
        .filter(received_at__isnull=False, pk__in=Subquery(unsent))
        .exclude(Exists(counted_late))
        .count()
    )


def _left_to_dossiers(spec: IndicatorSpec, ctx: Context) -> dict[str, Q]:
    """The conditions of the parts the dossiers' aggregate counts for `spec`."""
    left = _left(spec)
    if not left:
        return {}  # the conditions are not even built (satisfaction asks voice)
    parts = FORMULAS[spec.formula].parts(ctx)
    return {part: parts[part] for part in left}


def computed(
    scope: Scope, period: Period, now: datetime, specs: list[IndicatorSpec]
) -> dict[str, dict[str, int]]:
    """The counts of every part (but MISSED) of each computed indicator, by key."""
    if not specs:
        return {}
    figures = indicator_figures(scope, period)
    if any(_rolled_delay(spec) for spec in specs):
        figures["sync_unsent_late"] = unsent_late(scope, period, now)
    result = {spec.key: ROLLED[spec.formula][0](figures, spec) for spec in specs}
    for spec in specs:
        for part in _left(spec):
            result[spec.key].pop(part, None)
    aggregates: dict[str, Any] = {}
    for spec in specs:
        for part, condition in _left_to_dossiers(spec, Context(period, now, spec)).items():
            aggregates[f"{spec.key}__{part}"] = Count("pk", filter=condition)
    if aggregates:
        # The annotations do not depend on the indicator but for the sync
        # delay, the same in one definition: the first spec's context serves all.
        sync = next((s for s in specs if s.formula == "synchronised"), specs[0])
        qs: QuerySet[Dossier] = annotate(
            counted(scope, period), Context(period, now, sync), sets=True
        )
        for name, value in qs.aggregate(**aggregates).items():
            key, part = name.split("__", 1)
            result[key][part] = result[key].get(part, 0) + int(value or 0)
    return result


def from_dossiers(
    scope: Scope, period: Period, now: datetime, specs: list[IndicatorSpec]
) -> dict[str, dict[str, int]]:
    """The same counts over the dossiers alone, by the formulas' conditions (one
    aggregate with EXISTS per dossier): the recomputation `computed` is tested
    against."""
    aggregates: dict[str, Any] = {}
    for spec in specs:
        for part, condition in FORMULAS[spec.formula].parts(Context(period, now, spec)).items():
            if part != MISSED:
                aggregates[f"{spec.key}__{part}"] = Count("pk", filter=condition)
    if not aggregates:
        return {}
    sync = next((s for s in specs if s.formula == "synchronised"), specs[0])
    values = annotate(counted(scope, period), Context(period, now, sync)).aggregate(**aggregates)
    result: dict[str, dict[str, int]] = {spec.key: {} for spec in specs}
    for name, value in values.items():
        key, part = name.split("__", 1)
        result[key][part] = int(value or 0)
    return result
