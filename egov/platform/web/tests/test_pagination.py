"""The paginator that stops counting past its bound."""

from __future__ import annotations

from egov.conftest import Province
from egov.platform.organisation.models import Unit
from egov.platform.web.pagination import BoundedPaginator


def test_it_counts_up_to_the_bound_and_says_there_are_more(province: Province) -> None:
    units = Unit.objects.order_by("pk")
    total = units.count()
    assert total > 4

    bounded = BoundedPaginator(units, 2, bound=3)
    exact = BoundedPaginator(units, 2, bound=total)

    assert (bounded.count, bounded.more, bounded.num_pages) == (4, True, 2)
    assert (exact.count, exact.more) == (total, False)
    assert list(bounded.get_page(2)) == list(units[2:4])


def test_the_bound_is_written_the_vietnamese_way(db: None) -> None:
    from django.utils import translation

    with translation.override("vi"):
        assert BoundedPaginator(Unit.objects.all(), 20).bound_text == "10.000"
