"""What each unit's site still lacks of the categories Decree 42 asks for.

A category counts as present when a live page of the site (the unit's home
and its subtree, without the sites of units beneath it) says it fulfils it.
"""

from __future__ import annotations

from wagtail.models import Page

from egov.portal.pages.categories import Category, required_categories
from egov.portal.pages.models import PortalPage, UnitHomePage


def _site_pages(home: UnitHomePage) -> list[Page]:
    """The live pages of `home`'s site: its subtree less the sites nested in it."""
    nested = UnitHomePage.objects.descendant_of(home).exclude(pk=home.pk)
    pages = Page.objects.live().descendant_of(home, inclusive=True)
    for other in nested:
        pages = pages.exclude(path__startswith=other.path)
    return list(pages.specific())


def present_categories(home: UnitHomePage) -> set[str]:
    return {
        page.decree_category
        for page in _site_pages(home)
        if isinstance(page, PortalPage) and page.decree_category
    }


def missing_categories(home: UnitHomePage) -> list[Category]:
    present = present_categories(home)
    return [category for category in required_categories() if category.code not in present]
