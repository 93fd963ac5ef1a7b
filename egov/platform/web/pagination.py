"""Paginators that do not count: for lists of a million rows.

Django's Paginator counts every row of the list (COUNT(*)) on each page,
which on a body's whole register is the slowest part of the page and grows
with the data. Nobody reads past a few hundred pages: `BoundedPaginator`
counts up to `bound` rows (reading at most bound + 1 keys) and says "more
than" beyond. `KnownCountPaginator` is told the count by whoever already
knows it (the statistics rollups, egov/onestop/reports/indicator_views.py).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.formats import number_format

COUNT_BOUND = 10_000


class BoundedPaginator(Paginator):  # type: ignore[type-arg]
    def __init__(
        self, object_list: QuerySet[Any], per_page: int, *, bound: int = COUNT_BOUND
    ) -> None:
        super().__init__(object_list, per_page)
        self.queryset = object_list
        self.bound = bound

    @cached_property
    def count(self) -> int:
        """The number of rows, but never more than `bound` (see `more`)."""
        return len(self.queryset.values_list("pk", flat=True)[: self.bound + 1])

    @property
    def bound_text(self) -> str:
        """The bound as people write it here ("10.000" in Vietnamese)."""
        return number_format(self.bound, force_grouping=True)

    @property
    def more(self) -> bool:
        """True when the list goes on past `bound` rows: show "hơn {bound}"."""
        return self.count > self.bound


class KnownCountPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told how many rows its list holds, so that it never counts them."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count
