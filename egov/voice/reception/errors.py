"""The error codes of citizen reception.

Stable: API clients and the tests rely on the values; add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class ReceptionError(StrEnum):
    INVALID_FIELD = "reception_invalid_field"
    PERMISSION_DENIED = "reception_permission_denied"
    NOT_FOUND = "reception_not_found"
