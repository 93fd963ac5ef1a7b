"""Text folding for search: no diacritics, đ as d, lower case, single spaces.

The folded text is stored in a column (`Procedure.search_text`) and the query
is folded the same way, so "dang ky khai sinh" finds "Đăng ký khai sinh" with
a plain substring match that behaves identically on SQLite and PostgreSQL
(no `unaccent` extension, no collation differences).
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    # "đ"/"Đ" are letters of their own, not "d" plus a mark: NFD keeps them.
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


def search_words(query: str) -> list[str]:
    """The folded words of a query; every one must occur in the text."""
    return fold(query).split()
