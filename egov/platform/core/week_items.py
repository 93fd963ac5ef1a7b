"""Items other domains show in a body's weekly schedule (lịch công tác tuần).

The office's weekly schedule (egov/office/schedule) is drafted by the clerks,
but some of a leader's week is kept elsewhere: the regular citizen-reception
days are recorded by citizen reception (egov/voice/reception; Law on Citizen
Reception 2013 art. 12-15 asks for them to be published). The office may not
import the voice (docs/architecture.md), so a domain registers a source from
its AppConfig.ready() (`register(...)`), as it registers its public search
section (public_search.py), and the schedule asks every registered source
(`items(...)`) for the week it shows.

An item is public data only: the schedule's public page and PDF show it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class WeekItem:
    day: datetime.date
    content: str
    chair: str
    place: str
    # None: the item has no set hour (shown first on its day).
    start: datetime.time | None = None
    participants: str = ""
    preparing_unit: str = ""
    # Where the item is kept (a public page), shown as a link.
    url: str = ""
    note: str = ""


class Source(Protocol):
    def __call__(
        self, *, unit_id: int, first: datetime.date, last: datetime.date
    ) -> list[WeekItem]: ...


_sources: dict[str, Source] = {}


def register(key: str, source: Source) -> None:
    """Add `source` under `key` (again on a reload: the latest wins)."""
    _sources[key] = source


def items(*, unit_id: int, first: datetime.date, last: datetime.date) -> list[WeekItem]:
    """Every registered source's items of the body from `first` to `last`, by day and hour."""
    found = [
        item
        for key in sorted(_sources)
        for item in _sources[key](unit_id=unit_id, first=first, last=last)
    ]
    return sorted(found, key=lambda i: (i.day, i.start or datetime.time.min))
