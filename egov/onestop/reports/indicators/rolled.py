"""The computed indicators from the rollups, and from the dossiers only for what
the rollups do not hold (issue 20).

Every part of on_time, satisfaction (the "disliked" part too: a rollup row
per dossier rated "unsatisfied" or named by a complaint), fully_online,
paid_online, electronic_results and digitised_components, and every
denominator, are sums of the daily counters (docs/statistics.md) plus the
dossiers open at the period's end (an indexed query over the open ones):
`readers.indicator_figures`. Only synchronised's numerator is counted by one
aggregate over the period's dossiers with `id IN (...)` over the
synchronisation rows (formulas.annotate with `sets`), and only when the
definition has that indicator: whether a row was late depends on the
definition's delay and, for the current period, on the hour of the request.

The figures equal those of formulas.py counted over the dossiers
(`from_dossiers`, kept as the definition and the recomputation the tests
compare with).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from egov.onestop.dossiers.models import Dossier
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
    # Left to the dossiers: whether a synchronisation row was late depends on
    # the definition's `sync_within_hours` and, for the current period, on
    # the hour of the request; not a count of days.
    "synchronised": (
        lambda v, _s: {DENOMINATOR: sum(v[n] for n in _HANDLED)},
        (NUMERATOR,),
    ),
}


def _left_to_dossiers(spec: IndicatorSpec, ctx: Context) -> dict[str, Q]:
    """The conditions of the parts the dossiers' aggregate counts for `spec`."""
    if not ROLLED[spec.formula][1]:
        return {}  # the conditions are not even built (satisfaction asks voice)
    parts = FORMULAS[spec.formula].parts(ctx)
    return {part: parts[part] for part in ROLLED[spec.formula][1]}


def computed(
    scope: Scope, period: Period, now: datetime, specs: list[IndicatorSpec]
) -> dict[str, dict[str, int]]:
    """The counts of every part (but MISSED) of each computed indicator, by key."""
    if not specs:
        return {}
    figures = indicator_figures(scope, period)
    result = {spec.key: ROLLED[spec.formula][0](figures, spec) for spec in specs}
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
