"""Error codes of the quality documents (stable: see egov/platform/core/errors.py)."""

from __future__ import annotations

from enum import StrEnum


class QualityError(StrEnum):
    # The quality procedure or edition does not exist or is not the user's to see.
    NOT_FOUND = "quality_not_found"
    # Only a head or leader of the agency approves an edition.
    PERMISSION_DENIED = "permission_denied"
    # An approved or superseded edition is locked: nothing in it changes.
    EDITION_LOCKED = "edition_locked"
    # The amendment note is empty or too long.
    INVALID_NOTE = "invalid_note"
