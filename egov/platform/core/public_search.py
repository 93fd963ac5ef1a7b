"""The sections of the public search: what each domain lets a citizen find.

The portal's search (issue 18, "for citizens"; Decree 42/2022/NĐ-CP art. 7
asks for full-text search) looks across the portal's pages, the procedure
catalogue, the dialogue's published answers and the public documents. The
portal may not import the one-stop desk, the voice or the document office
(docs/architecture.md), so each of them registers a section from its
AppConfig.ready() (`register(...)`), as it registers its indicator figures,
and the portal asks every registered section (`sections()`).

A section answers only what anyone may read, without a user: it is called
for anonymous visitors. Each matches every word of the query with
diacritics ignored, as its own search page does (`core.text.fold`), and
names that page (`more_url`) for the whole list.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.functional import Promise


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    summary: str = ""
    date: datetime.date | None = None


@dataclass(frozen=True)
class Found:
    """The first hits of a section and how many there are in all."""

    hits: list[Hit] = field(default_factory=list)
    total: int = 0


class Searcher(Protocol):
    def __call__(self, *, query: str, limit: int) -> Found: ...


@dataclass(frozen=True)
class Section:
    key: str  # stable, in the page's anchors and the API: "procedures", "answers"...
    label: str | Promise  # the heading shown to citizens, in Vietnamese
    order: int  # where it stands among the sections
    search: Searcher
    more_url: Callable[[str], str]  # the section's own search page for a query


_sections: dict[str, Section] = {}


def register(section: Section) -> None:
    """Add `section` to the public search (again on a reload: the latest wins)."""
    _sections[section.key] = section


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
