"""Error codes of the organisation tree.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class OrganisationError(StrEnum):
    # The unit's fields do not validate (details name them).
    INVALID_UNIT = "invalid_unit"
    # The actor may not administer that unit.
    PERMISSION_DENIED = "permission_denied"
    # A reference catalogue file is missing.
    REFERENCE_MISSING = "reference_missing"
    # Another unit has this agency or statistical code.
    UNIT_CODE_TAKEN = "unit_code_taken"
    # A unit would move under itself or one of its descendants.
    UNIT_CYCLE = "unit_cycle"
    # No such unit, or one the user may not see.
    UNIT_NOT_FOUND = "unit_not_found"
    # No province has this statistical code.
    UNKNOWN_PROVINCE = "unknown_province"
