"""The indicator set of a scope and period, and the dossiers behind each figure.

The one entry point for anything that scores Decision 766/QĐ-TTg (the
dashboard, the public page, the exports, later the province's roll-ups):
inputs are a `Scope`, a `Period`, the moment it is judged at (`now`) and the
definition (by default the one in force on the period's last day).

Queries: the computed indicators from the rollups (rolled.py: two sums of
the counters, one count of the dossiers open at the period's end, and one
aggregate over the dossiers for what lives in other tables), one for the
entered figures, and whatever the providers of the feedback figures cost
(egov/voice: one each).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier
from egov.onestop.reports.indicators import rolled
from egov.onestop.reports.indicators.definition import (
    Definition,
    GroupSpec,
    IndicatorSpec,
    definition_for,
)
from egov.onestop.reports.indicators.formulas import (
    DENOMINATOR,
    FORMULAS,
    MISSED,
    NUMERATOR,
    Context,
    annotate,
)
from egov.onestop.reports.indicators.scoring import Indicator, IndicatorSet, Source
from egov.onestop.reports.models import EnteredFigure
from egov.onestop.reports.scope import Period, Scope
from egov.onestop.reports.statistics import counted
from egov.platform.organisation.indicators import figure


def indicator_set(
    scope: Scope,
    period: Period,
    *,
    now: datetime | None = None,
    definition: Definition | None = None,
) -> IndicatorSet:
    definition = definition or definition_for(period.last)
    now = now or timezone.now()
    computed = _computed(scope, period, now, definition)
    entered = _entered(scope, period, definition)
    indicators = []
    for group, spec in definition.indicators:
        if spec.key in computed:
            numerator, denominator = computed[spec.key]
            indicators.append(_indicator(group, spec, numerator, denominator))
        elif spec.entered:
            indicators.append(_entered_indicator(group, spec, entered.get(spec.key)))
        else:
            indicators.append(_provided_indicator(group, spec, scope, period))
    return IndicatorSet(
        version=definition.version,
        title=definition.title,
        source=definition.source,
        verified=definition.verified,
        indicators=indicators,
    )


def indicator_dossiers(
    scope: Scope,
    period: Period,
    key: str,
    part: str,
    *,
    now: datetime | None = None,
    definition: Definition | None = None,
) -> QuerySet[Dossier] | None:
    """The dossiers behind one part of a computed indicator (None: no such list)."""
    definition = definition or definition_for(period.last)
    found = definition.indicator(key)
    if found is None or found[1].formula not in FORMULAS:
        return None
    ctx = Context(period, now or timezone.now(), found[1])
    condition = FORMULAS[found[1].formula].parts(ctx).get(part)
    if condition is None:
        return None
    return (
        annotate(counted(scope, period), ctx)
        .filter(condition)
        .select_related("procedure")
        .order_by("received_at", "pk")
    )


def part_count(
    scope: Scope,
    period: Period,
    key: str,
    part: str,
    *,
    now: datetime,
    definition: Definition | None = None,
) -> int:
    """How many dossiers `indicator_dossiers` lists for this part, from the
    rollups (rolled.computed): a page of a list over a year of a province
    then costs the page, not a count of every dossier behind it (issue 20).

    The parts' counts from the rollups equal the formulas' conditions counted
    over the dossiers (test_indicators, test_rollup_sides); MISSED is the
    denominator less the numerator, as its condition is."""
    definition = definition or definition_for(period.last)
    found = definition.indicator(key)
    if found is None:
        raise ValueError(f"no indicator {key!r}")
    counts = rolled.computed(scope, period, now, [found[1]])[key]
    if part == MISSED:
        return counts[DENOMINATOR] - counts[NUMERATOR]
    return counts[part]


def parts_of(key: str, period: Period) -> list[str]:
    """The parts an indicator's dossiers are listed by (empty for an entered or provided one)."""
    found = definition_for(period.last).indicator(key)
    if found is None or found[1].formula not in FORMULAS:
        return []
    ctx = Context(period, timezone.now(), found[1])
    return list(FORMULAS[found[1].formula].parts(ctx))


def _computed(
    scope: Scope, period: Period, now: datetime, definition: Definition
) -> dict[str, tuple[int, int]]:
    specs = [s for _g, s in definition.indicators if s.formula in FORMULAS]
    counts = rolled.computed(scope, period, now, specs)
    return {spec.key: FORMULAS[spec.formula].combine(counts[spec.key]) for spec in specs}


def _entered(scope: Scope, period: Period, definition: Definition) -> dict[str, EnteredFigure]:
    """The latest figure entered for the scope's unit whose period ends within this one."""
    keys = [s.key for _g, s in definition.indicators if s.entered]
    rows = (
        EnteredFigure.objects.filter(
            Q(unit=scope.unit, indicator__in=keys),
            last__gte=period.first,
            last__lte=period.last,
        )
        .select_related("entered_by")
        .order_by("last", "entered_at", "pk")
    )
    return {row.indicator: row for row in rows}


def _indicator(
    group: GroupSpec,
    spec: IndicatorSpec,
    numerator: int,
    denominator: int,
    *,
    source: str = Source.COMPUTED,
    available: bool = True,
    note: str = "",
) -> Indicator:
    return Indicator(
        key=spec.key,
        group=group.name,
        name=spec.name,
        numerator=numerator,
        denominator=denominator,
        target=spec.threshold,
        points=spec.points,
        available=available,
        when_empty=spec.when_empty,
        source=source,
        formula_text=spec.formula_text,
        note=note,
    )


def _entered_indicator(
    group: GroupSpec, spec: IndicatorSpec, row: EnteredFigure | None
) -> Indicator:
    if row is None:
        return _indicator(group, spec, 0, 0, source=Source.ENTERED, available=False)
    note = _("%(source)s; kỳ %(first)s–%(last)s, %(who)s nhập ngày %(when)s") % {
        "source": row.source,
        "first": formats.date_format(row.first, "d/m/Y"),
        "last": formats.date_format(row.last, "d/m/Y"),
        "who": row.entered_by.display_name,
        "when": formats.date_format(timezone.localtime(row.entered_at), "d/m/Y"),
    }
    return _indicator(group, spec, row.numerator, row.denominator, source=Source.ENTERED, note=note)


def _provided_indicator(
    group: GroupSpec, spec: IndicatorSpec, scope: Scope, period: Period
) -> Indicator:
    name = spec.provided or spec.formula
    found = figure(name, unit=scope.unit, first=period.first, last=period.last)
    if found is None:
        return _indicator(group, spec, 0, 0, source=Source.PROVIDED, available=False)
    return _indicator(group, spec, found.numerator, found.denominator, source=Source.PROVIDED)
