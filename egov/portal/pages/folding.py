"""A page's text folded for the portal's search, with or without diacritics.

Wagtail's database search backend tokenises what it is given: SQLite's FTS5
drops the marks of "ă" but keeps "đ" (a letter of its own), and PostgreSQL's
text search keeps them all. So every portal page also gives the index its
text folded to plain letters (`platform/core/text.fold`: no marks, đ as d,
lower case), and the search folds the query the same way: "dang ky" finds
"Đăng ký", and so does "đăng ký".
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.html import strip_tags
from wagtail.models import Page

from egov.platform.core.text import fold

# Letters and digits only: what remains of a query cannot be read as the
# search backend's own syntax (FTS5's quotes, NEAR, *, PostgreSQL's & | !).
_WORD = re.compile(r"\w+")
MAX_WORDS = 10


def folded_words(text: str) -> list[str]:
    """The words of a query, folded, at most MAX_WORDS of them."""
    return _WORD.findall(fold(text))[:MAX_WORDS]


def page_text(page: Page) -> str:
    """The folded title and every text field the page type adds to Wagtail's Page."""
    own = (
        f
        for f in type(page)._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and f.model is not Page
        and f.name != "decree_category"
    )
    parts = [page.title, page.search_description]
    parts.extend(strip_tags(str(getattr(page, f.name) or "")) for f in own)
    return " ".join(_WORD.findall(fold(" ".join(parts))))
