"""Versioned definitions of the indicator set, read from the TOML files beside this module.

A definition is data: its groups, indicators, points, thresholds, the rule
for an empty denominator and the formula each indicator uses, by name
(formulas.py). A change of Decision 766/QĐ-TTg's set is a new file with a
new `version` and `effective_from`; a period is scored by the definition in
force on its last day, so the periods already reported keep their scores.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

DEFINITIONS = Path(__file__).parent / "definitions"

# What an empty denominator scores.
WHEN_EMPTY = frozenset({"full", "zero", "none"})


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    name: str
    points: Decimal
    threshold: Decimal
    formula: str
    when_empty: str
    formula_text: str
    # Parameters of the formula (e.g. `sync_within_hours`).
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def entered(self) -> bool:
        return self.formula == "entered"

    @property
    def provided(self) -> str | None:
        """The provider's name for a figure another domain supplies."""
        prefix = "provided:"
        return self.formula.removeprefix(prefix) if self.formula.startswith(prefix) else None


@dataclass(frozen=True)
class GroupSpec:
    key: str
    name: str
    points: Decimal
    indicators: tuple[IndicatorSpec, ...]


@dataclass(frozen=True)
class Definition:
    version: str
    title: str
    source: str
    verified: bool
    effective_from: date
    effective_to: date | None
    groups: tuple[GroupSpec, ...]

    @property
    def indicators(self) -> list[tuple[GroupSpec, IndicatorSpec]]:
        return [(g, i) for g in self.groups for i in g.indicators]

    def indicator(self, key: str) -> tuple[GroupSpec, IndicatorSpec] | None:
        return next(((g, i) for g, i in self.indicators if i.key == key), None)

    def in_force(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class DefinitionError(ValueError):
    """A definition file that does not add up (checked when it is read)."""


_INDICATOR_KEYS = {"key", "name", "points", "threshold", "formula", "when_empty", "formula_text"}


def _indicator(raw: dict[str, Any]) -> IndicatorSpec:
    if raw.get("when_empty") not in WHEN_EMPTY:
        raise DefinitionError(f"{raw.get('key')}: when_empty must be full, zero or none")
    return IndicatorSpec(
        key=raw["key"],
        name=raw["name"],
        points=Decimal(str(raw["points"])),
        threshold=Decimal(str(raw["threshold"])),
        formula=raw["formula"],
        when_empty=raw["when_empty"],
        formula_text=raw["formula_text"],
        params={k: v for k, v in raw.items() if k not in _INDICATOR_KEYS},
    )


def parse(text: str) -> Definition:
    """A definition from its TOML text; the points of each group must add up."""
    raw = tomllib.loads(text)
    groups = []
    for g in raw["groups"]:
        indicators = tuple(_indicator(i) for i in g["indicators"])
        points = Decimal(str(g["points"]))
        if sum((i.points for i in indicators), Decimal(0)) != points:
            raise DefinitionError(f"{g['key']}: the indicators' points do not add up to {points}")
        groups.append(GroupSpec(g["key"], g["name"], points, indicators))
    keys = [i.key for g in groups for i in g.indicators]
    if len(keys) != len(set(keys)):
        raise DefinitionError("an indicator key is used twice")
    return Definition(
        version=raw["version"],
        title=raw["title"],
        source=raw["source"],
        verified=bool(raw["verified"]),
        effective_from=raw["effective_from"],
        effective_to=raw.get("effective_to"),
        groups=tuple(groups),
    )


@cache
def definitions() -> tuple[Definition, ...]:
    """Every definition shipped, oldest first."""
    found = [parse(path.read_text(encoding="utf-8")) for path in DEFINITIONS.glob("*.toml")]
    return tuple(sorted(found, key=lambda d: d.effective_from))


def definition_for(day: date) -> Definition:
    """The definition in force on `day` (the newest one when several are)."""
    in_force = [d for d in definitions() if d.in_force(day)]
    if not in_force:
        # Before the first definition: score by the oldest rather than not at all.
        return definitions()[0]
    return in_force[-1]


def paper_result_needs_electronic(day: date) -> bool:
    """Whether, on `day`, a digitised dossier whose result was issued needs its electronic result.

    The digitised-components indicator's switch (the definition's comment:
    NOT VERIFIED); the synchronisation's HoSoCoThanhPhanSoHoa follows it so
    that the payload and the indicator page count the same dossiers.
    """
    return any(
        bool(spec.params.get("paper_result_needs_electronic", False))
        for _group, spec in definition_for(day).indicators
        if spec.formula == "digitised_components"
    )
