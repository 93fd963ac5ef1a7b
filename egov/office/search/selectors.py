"""Searching incoming documents: what the user may see, matched, filtered and ranked.

Access is the document office's own (`visible_incoming`): the search only
narrows that set, so a document the user may not open never appears, not even
as a count.

Words are ranked within a bounded set of candidates: the newest
`CANDIDATES` visible documents that match every word. Ranking every match
costs time in proportion to the matches (at 1,000,000 documents a common
word matches 83,000, and ranking them took 3 s). A clerk looking for an old
document narrows with the filters (dates, register, sender words), which
shrink the matches below the bound.

The candidates are looked for in windows of the newest documents: the
newest `FIRST_WINDOW` ids, then a window as much larger as the matches
found so far say is needed (at least `WINDOW_GROWTH` times), and so on,
until a window holds more than `CANDIDATES` visible matches or covers every
document. A window is a suffix of the ids, so the first one that holds
enough matches holds the newest ones: the answer is the same as from one
query over everything. What a window costs depends on how many documents
it spans, not on how many the register holds, so a common word's search
costs the same at 1 and at 5 million documents (docs/performance.md); a
rare word's goes on to the last window, where the index finds its few
matches directly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import F, Max, Q, QuerySet, Value
from django.db.models.fields import FloatField

from egov.office.documents.models import Holder, IncomingDocument, Register
from egov.office.documents.selectors import visible_incoming
from egov.office.search import backends
from egov.office.search.models import SearchEntry, SourceKind
from egov.office.search.text import query_words
from egov.platform.accounts.models import Membership, User
from egov.platform.workcalendar.deadlines import VN_TZ

# How many of the newest matching documents are ranked (see the module's note).
CANDIDATES = 500
# The newest ids searched first for them, and how much each next window grows
# at least; after a window without a match, it grows by EMPTY_GROWTH, so a rare
# number and symbol reaches the window over everything in two steps while
# the register holds under 16 million documents.
FIRST_WINDOW = 4_096
WINDOW_GROWTH = 4
EMPTY_GROWTH = 64


@dataclass(frozen=True)
class Criteria:
    """What the user typed and chose; every filter optional."""

    text: str = ""
    document_type_id: int | None = None
    register_id: int | None = None
    body_id: int | None = None
    arrived_from: date | None = None
    arrived_to: date | None = None
    status: str = ""
    holder_unit_id: int | None = None
    holder_user: str = ""  # a username or part of a name

    @property
    def empty(self) -> bool:
        return self == Criteria()


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VN_TZ)


@dataclass(frozen=True)
class Results:
    """The matching documents, best first, and whether the words' matches were bounded."""

    documents: QuerySet[IncomingDocument]
    # Set when more visible documents match the words than are ranked: how
    # many of the newest were (CANDIDATES at the time of the search).
    bound: int | None = None

    @property
    def bounded(self) -> bool:
        return self.bound is not None


def search_incoming(user: User, criteria: Criteria) -> Results:
    """The documents `user` may see that match, best first (`search_rank`, higher is better).

    Without words the list is every visible document that passes the
    filters, newest arrival first.
    """
    documents = _filtered(visible_incoming(user), criteria)
    words = query_words(criteria.text)
    if not words:
        return Results(
            documents.select_related("document_type", "register", "body")
            .annotate(search_rank=Value(0.0, output_field=FloatField()))
            .order_by("-arrived_at", "-pk")
        )
    newest = _newest_matches(documents, words)
    _matching, rank = backends.matches(
        SourceKind.INCOMING, words, outer_table=IncomingDocument._meta.db_table
    )
    ranked = (
        IncomingDocument.objects.filter(pk__in=newest[:CANDIDATES])
        .select_related("document_type", "register", "body")
        .annotate(search_rank=rank)
        .order_by(F("search_rank").desc(nulls_last=True), "-arrived_at", "-pk")
    )
    return Results(ranked, bound=CANDIDATES if len(newest) > CANDIDATES else None)


def _newest_matches(documents: QuerySet[IncomingDocument], words: list[str]) -> list[int]:
    """The ids of the newest `CANDIDATES` + 1 of `documents` matching `words`, newest first."""
    top = IncomingDocument.objects.aggregate(top=Max("pk"))["top"] or 0
    window = FIRST_WINDOW
    while True:
        since = top - window + 1 if window < top else None
        matching, _rank = backends.matches(
            SourceKind.INCOMING,
            words,
            outer_table=IncomingDocument._meta.db_table,
            window=None if since is None else (since, top),
        )
        found = documents.filter(matching)
        if since is not None:
            found = found.filter(pk__gte=since)
        newest = list(found.order_by("-pk").values_list("pk", flat=True)[: CANDIDATES + 1])
        if since is None or len(newest) > CANDIDATES:
            return newest
        window = _next_window(window, len(newest))


def _next_window(window: int, found: int) -> int:
    """The next window's size: where the matches' density says enough would be."""
    if not found:
        return window * EMPTY_GROWTH
    return window * max(WINDOW_GROWTH, math.ceil((CANDIDATES + 1) / found))


def _filtered(
    documents: QuerySet[IncomingDocument], criteria: Criteria
) -> QuerySet[IncomingDocument]:
    if criteria.document_type_id is not None:
        documents = documents.filter(document_type_id=criteria.document_type_id)
    if criteria.register_id is not None:
        documents = documents.filter(register_id=criteria.register_id)
    if criteria.body_id is not None:
        documents = documents.filter(body_id=criteria.body_id)
    if criteria.arrived_from is not None:
        documents = documents.filter(arrived_at__gte=_start(criteria.arrived_from))
    if criteria.arrived_to is not None:
        documents = documents.filter(arrived_at__lt=_start(criteria.arrived_to + timedelta(days=1)))
    if criteria.status:
        documents = documents.filter(status=criteria.status)
    if criteria.holder_unit_id is not None:
        documents = documents.filter(
            pk__in=Holder.objects.filter(unit_id=criteria.holder_unit_id).values("document_id")
        )
    if criteria.holder_user:
        name = criteria.holder_user.strip()
        documents = documents.filter(
            pk__in=Holder.objects.filter(
                Q(user__username=name) | Q(user__full_name__icontains=name)
            ).values("document_id")
        )
    return documents


def entries_for(documents: list[IncomingDocument]) -> dict[int, SearchEntry]:
    """The index rows of these documents (their file-reading status), by document id."""
    rows = SearchEntry.objects.filter(
        kind=SourceKind.INCOMING, object_id__in=[d.pk for d in documents]
    )
    return {entry.object_id: entry for entry in rows}


def searchable_registers(user: User) -> QuerySet[Register]:
    """Registers for the filter: those of the bodies the user works in or above."""
    if user.is_superuser:
        return Register.objects.select_related("body").order_by("-year", "body__name", "name")
    paths = list(
        Membership.objects.filter(user=user, unit__is_active=True).values_list(
            "unit__path", flat=True
        )
    )
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(body__path__startswith=path)
        # The bodies above: their path is a prefix of this one's.
        prefixes = [path[: i + 1] for i, char in enumerate(path) if char == "/" and i > 0]
        condition |= Q(body__path__in=prefixes)
    return (
        Register.objects.filter(condition, direction="incoming")
        .select_related("body")
        .order_by("-year", "body__name", "confidential", "name")
    )
