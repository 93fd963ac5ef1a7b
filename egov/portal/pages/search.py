"""One search for citizens across the portal (issue 18, "for citizens").

Decree 42/2022/NĐ-CP art. 7 asks a portal for full-text search. A citizen
types once and finds, with or without diacritics:

- the portal's own live, public pages of the site they are on (the
  province's portal: every unit's site beneath it), through Wagtail's search
  backend over each page's folded text (folding.py);
- whatever the other domains register as sections of the public search
  (platform/core/public_search.py): the procedure catalogue, the dialogue's
  published answers, and any later one (the public documents).

Each section shows its first hits and its total; the pages section pages
through all its hits, the others link to their own search page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from egov.platform.core import public_search
from egov.portal.pages.folding import folded_words

PAGES_KEY = "pages"
PAGES_LABEL = _("Trang thông tin")
# Wider than the sections' first hits: the pages are the portal's own list.
PAGE_SIZE = 20
SECTION_HITS = 5
MAX_QUERY = 200


@dataclass(frozen=True)
class SectionResult:
    key: str
    label: str
    found: public_search.Found
    more_url: str  # empty for the portal's own pages


@dataclass(frozen=True)
class Results:
    query: str
    pages: public_search.Found
    page_number: int
    page_count: int
    sections: list[SectionResult]

    @property
    def total(self) -> int:
        return self.pages.total + sum(s.found.total for s in self.sections)


def search_pages(
    root: Page, query: str, *, offset: int = 0, limit: int = PAGE_SIZE
) -> public_search.Found:
    """The live, public pages under `root` (itself included) matching every word."""
    words = folded_words(query)
    if not words:
        return public_search.Found()
    candidates = Page.objects.live().public().descendant_of(root, inclusive=True)
    results = candidates.search(" ".join(words), operator="and")
    chosen = [page.pk for page in results[offset : offset + limit]]
    specific = Page.objects.filter(pk__in=chosen).specific().in_bulk()
    return public_search.Found(
        hits=[_page_hit(specific[pk]) for pk in chosen if pk in specific],
        total=results.count(),
    )


def _page_hit(page: Page) -> public_search.Hit:
    summary = getattr(page, "summary", "") or page.search_description
    return public_search.Hit(
        title=page.title,
        url=page.get_url() or page.url_path,
        summary=summary,
        date=getattr(page, "date", None),
    )


def search_everything(root: Page, query: str, *, page_number: int = 1) -> Results:
    """The pages under `root` and every registered section, for one query."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not folded_words(query):
        return Results(query, public_search.Found(), 1, 1, [])
    first = search_pages(root, query, limit=PAGE_SIZE)
    page_count = max(1, -(-first.total // PAGE_SIZE))
    page_number = min(max(page_number, 1), page_count)
    pages = (
        first
        if page_number == 1
        else search_pages(root, query, offset=(page_number - 1) * PAGE_SIZE)
    )
    sections = [
        SectionResult(
            key=section.key,
            label=str(section.label),
            found=section.search(query=query, limit=SECTION_HITS),
            more_url=section.more_url(query),
        )
        for section in public_search.sections()
    ]
    return Results(query, pages, page_number, page_count, sections)
