"""Figures one domain supplies to another's indicator set, by name.

The one-stop desk scores Decision 766/QĐ-TTg's indicators, some of which are
about citizens' feedback, which egov/voice owns; onestop may not import
voice. Voice registers a provider under a name when its app is ready
(`register("feedback_on_time", ...)`), and the indicator set asks for the
figure by that name (`figure("feedback_on_time", unit=..., ...)`). Without a
provider the answer is None, and the page says "chưa có dữ liệu" rather
than inventing a figure.

Satisfaction with procedures subtracts the dossiers "with a complaint"
(DOMAIN.md): voice knows which dossier codes its feedback names, the
indicator set asks for them (`complained_dossiers`), every registered
source together. The statistics rollups keep the first complaint of each
dossier (`first_complaints`), and hear of a change through the named event
`ComplaintsChanged`, which a source publishes in its changing transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from egov.platform.organisation.models import Unit


@dataclass(frozen=True)
class Figure:
    """A rate as a count of items that meet it over the items it is about."""

    numerator: int
    denominator: int


class FigureProvider(Protocol):
    def __call__(self, *, unit: Unit, first: date, last: date) -> Figure: ...


_providers: dict[str, FigureProvider] = {}


def register(name: str, provider: FigureProvider) -> None:
    """Make `provider` answer for `name` (again on a reload: the latest wins)."""
    _providers[name] = provider


def figure(name: str, *, unit: Unit, first: date, last: date) -> Figure | None:
    """The figure of `unit` and its sub-units from `first` to `last`; None if no one supplies it."""
    provider = _providers.get(name)
    return None if provider is None else provider(unit=unit, first=first, last=last)


class DossierCodesProvider(Protocol):
    def __call__(self, *, before: datetime) -> set[str]: ...


_complaint_sources: dict[str, DossierCodesProvider] = {}


def register_complaints(source: str, provider: DossierCodesProvider) -> None:
    """Make `provider` name the dossiers its `source` holds complaints about."""
    _complaint_sources[source] = provider


def complained_dossiers(*, before: datetime) -> set[str]:
    """The codes of the dossiers with a complaint received before `before`, from every source."""
    codes: set[str] = set()
    for provider in _complaint_sources.values():
        codes |= provider(before=before)
    return codes


@dataclass(frozen=True)
class ComplaintsChanged:
    """A source's complaints about these dossier codes changed (one received,
    refused...): published in the changing transaction (platform.core.events)."""

    codes: frozenset[str]


class FirstComplaintsProvider(Protocol):
    def __call__(self, *, codes: Collection[str] | None = None) -> dict[str, datetime]: ...


_first_complaint_sources: dict[str, FirstComplaintsProvider] = {}


def register_first_complaints(source: str, provider: FirstComplaintsProvider) -> None:
    """Make `provider` tell when its `source` first received a complaint about a dossier."""
    _first_complaint_sources[source] = provider


def first_complaints(*, codes: Collection[str] | None = None) -> dict[str, datetime]:
    """Per dossier code (of `codes`, or every one), when the first complaint
    counted by `complained_dossiers` was received, over every source: a code
    is in `complained_dossiers(before=t)` exactly when its time here is before t."""
    found: dict[str, datetime] = {}
    for provider in _first_complaint_sources.values():
        for code, moment in provider(codes=codes).items():
            if code not in found or moment < found[code]:
                found[code] = moment
    return found
