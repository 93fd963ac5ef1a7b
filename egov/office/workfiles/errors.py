"""Error codes of work files (see egov/platform/core/errors.py).

Stable: API clients and the tests rely on the values; add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class WorkfileError(StrEnum):
    # The actor may not do this to the list or the file.
    NOT_ALLOWED = "workfile_not_allowed"
    # No such list, file or item, or one the user may not see.
    NOT_FOUND = "workfile_not_found"
    # A field is missing, too long or out of range.
    INVALID_FIELD = "workfile_invalid_field"
    # The file list of the year was approved already: it no longer changes.
    LIST_APPROVED = "workfile_list_approved"
    # The file list of the year is not approved yet: no file may be opened.
    LIST_NOT_APPROVED = "workfile_list_not_approved"
    # An empty list cannot be approved.
    LIST_EMPTY = "workfile_list_empty"
    # Another file of the list has this code already.
    CODE_TAKEN = "workfile_code_taken"
    # The responsible person does not work in the unit.
    RESPONSIBLE_NOT_ELIGIBLE = "workfile_responsible_not_eligible"
    # The file is not in the state the action needs (open, closed...).
    WRONG_STATE = "workfile_wrong_state"
    # The document is in the file already.
    ALREADY_IN_FILE = "workfile_already_in_file"
    # Secret documents are filed apart (Law on Protection of State Secrets 2018).
    SECRET_DOCUMENT = "workfile_secret_document"  # noqa: S105 - an error code
    # A file is closed with at least one document or note.
    EMPTY_FILE = "workfile_empty_file"
    # The deposit was requested already, or is not requested yet.
    DEPOSIT_STATE = "workfile_deposit_state"
