"""The error codes of the Open311 endpoints (beside the GeoReport codes they answer with).

Stable: API clients and the tests rely on the values; add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class Open311Error(StrEnum):
    INVALID = "open311_invalid"
