"""Vietnamese text for the index: words, and words folded to plain letters.

Search must find "quyết định" for "quyet dinh" (issue 11, item 5). Unicode
decomposition separates the tone and vowel marks from their letters, so they
can be dropped; "đ" is a letter of its own (no decomposition), so it is mapped
to "d" by hand. PostgreSQL does the same with `unaccent`, whose rules map đ to
d too, so both databases agree on what matches.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")
_D = str.maketrans({"đ": "d", "Đ": "D"})

# The longest query kept: enough for a summary pasted in whole.
MAX_QUERY_CHARS = 200
# The most words of a query that count: later ones are ignored.
MAX_QUERY_WORDS = 12
# The text kept per document. PostgreSQL's tsvector holds at most 1 MB; a
# long report's first 200,000 characters find it as well as the rest would.
MAX_CONTENT_CHARS = 200_000


def words(text: str) -> list[str]:
    """The words of `text` (letters and digits), in order; punctuation splits them.

    "15/QĐ-BTP" gives 15, QĐ, BTP: a number and symbol is found by its parts.
    """
    return _WORD.findall(unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """Lower case without diacritics: "Quyết định" -> "quyet dinh"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", plain).lower()


def searchable(*parts: str) -> str:
    """The parts as space-separated words, diacritics kept (PostgreSQL folds them itself)."""
    return " ".join(word for part in parts for word in words(part))


def query_words(query: str) -> list[str]:
    """The words of a typed query that count, folded, without repeats."""
    seen: list[str] = []
    for word in words(query[:MAX_QUERY_CHARS]):
        folded = fold(word)
        if folded not in seen:
            seen.append(folded)
    return seen[:MAX_QUERY_WORDS]
