"""The computed indicators from the rollups, and from the dossiers only for what
the rollups do not hold (issue 20).

Every denominator, and the whole of on_time and fully_online, are sums of the
daily counters (docs/statistics.md) plus the dossiers open at the period's
end (an indexed query over the open ones): `readers.indicator_figures`.
What the counters cannot hold, because it lives in other tables and changes
without the dossier (a rating, a payment, a scan, a synchronisation row, a
complaint), is counted by one aggregate over the period's dossiers with
`id IN (...)` over those tables (formulas.annotate with `sets`), and only
when the definition has such an indicator.

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
from egov.onestop.procedures.models import Procedure
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
from egov.onestop.reports.rollups.readers import FEE_BEARING, indicator_figures
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import counted

# The dossiers a report counts as "received or processed": resolved in the
# period or open at its end (formulas.on_time's denominator).
_HANDLED = ("resolved", "open_all")

# Per formula: (the parts from the rollups' figures, the parts left to the
# dossiers' aggregate). A part in both is the sum of the two (paid_online's
# denominator: fee-bearing procedures from the rollups, an amount asked of a
# procedure without a fee from the dossiers).
Rolled = Callable[[dict[str, int]], dict[str, int]]
ROLLED: dict[str, tuple[Rolled, tuple[str, ...]]] = {
    "on_time": (
        lambda v: {
            NUMERATOR: v["early"] + v["on_time"] + v["open_within"],
            DENOMINATOR: sum(v[n] for n in _HANDLED),
        },
        (),
    ),
    "satisfaction": (
        lambda v: {LATE: v["late"] + v["open_past"], DENOMINATOR: sum(v[n] for n in _HANDLED)},
        (DISLIKED,),
    ),
    "fully_online": (
        lambda v: {NUMERATOR: v["new_full_online"], DENOMINATOR: v["new_full"]},
        (),
    ),
    "paid_online": (lambda v: {DENOMINATOR: v["new_fee"]}, (NUMERATOR, DENOMINATOR)),
    # Resolved in the period with status 9 or 10: the ended rows' `finished`.
    "electronic_results": (lambda v: {DENOMINATOR: v["finished"]}, (NUMERATOR,)),
    "digitised_components": (lambda v: {DENOMINATOR: v["new"]}, (NUMERATOR,)),
    "synchronised": (
        lambda v: {DENOMINATOR: sum(v[n] for n in _HANDLED)},
        (NUMERATOR,),
    ),
}


def _left_to_dossiers(spec: IndicatorSpec, ctx: Context) -> dict[str, Q]:
    """The conditions of the parts the dossiers' aggregate counts for `spec`."""
    parts = FORMULAS[spec.formula].parts(ctx)
    wanted = {part: parts[part] for part in ROLLED[spec.formula][1] if part != DENOMINATOR}
    if spec.formula == "paid_online" and DENOMINATOR in ROLLED[spec.formula][1]:
        # The new dossiers of procedures without a fee that were asked an amount.
        fee = Q(procedure__in=_fee_procedures())
        wanted[DENOMINATOR] = parts[DENOMINATOR] & ~fee
    return wanted


def _fee_procedures() -> QuerySet[Any]:
    return Procedure.objects.filter(FEE_BEARING).order_by().values("pk")


def computed(
    scope: Scope, period: Period, now: datetime, specs: list[IndicatorSpec]
) -> dict[str, dict[str, int]]:
    """The counts of every part (but MISSED) of each computed indicator, by key."""
    if not specs:
        return {}
    figures = indicator_figures(scope, period)
    result = {spec.key: ROLLED[spec.formula][0](figures) for spec in specs}
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
