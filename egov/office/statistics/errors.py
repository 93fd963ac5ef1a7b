"""The error codes of the document office's statistics.

Stable: API clients and the tests rely on the values; add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class StatisticsError(StrEnum):
    UNIT_NOT_FOUND = "office_statistics_unit_not_found"
    INVALID_PERIOD = "office_statistics_invalid_period"
