"""Error codes of electronic forms.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class EformError(StrEnum):
    # The form's schema does not validate (details list the problems).
    INVALID_FORM_DEFINITION = "invalid_form_definition"
    # Only a platform administrator may edit e-forms.
    PERMISSION_DENIED = "permission_denied"
