"""The error codes of document search and the register books.

Stable: API clients and the tests rely on the values; add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class SearchError(StrEnum):
    INVALID_FILTER = "office_search_invalid_filter"
    QUERY_TOO_LONG = "office_search_query_too_long"
    REGISTER_NOT_FOUND = "office_book_register_not_found"
    INVALID_PERIOD = "office_book_invalid_period"
