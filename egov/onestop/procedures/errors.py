"""Error codes of the procedure catalogue and processes.

Each is the stable `code` of a DomainError (egov/platform/core/errors.py):
clients and tests match on it, so a value never changes once published,
and a code no longer raised is removed, never reused.
"""

from __future__ import annotations

from enum import StrEnum


class ProcedureError(StrEnum):
    # A processing time is given both in days and in hours.
    BOTH_TIME_UNITS = "both_time_units"
    # The import file does not exist.
    FILE_MISSING = "file_missing"
    # A required document's entry is malformed.
    INVALID_DOCUMENT = "invalid_document"
    # A fee is not a whole number of dong.
    INVALID_FEE = "invalid_fee"
    # The import file is not a list of procedures.
    INVALID_FILE = "invalid_file"
    # The procedure code is not of the national catalogue's form.
    INVALID_PROCEDURE_CODE = "invalid_procedure_code"
    # The process definition does not validate (details list the problems).
    INVALID_PROCESS = "invalid_process"
    # The processing time is not a number.
    INVALID_PROCESSING_TIME = "invalid_processing_time"
    # A field has the wrong type.
    INVALID_VALUE = "invalid_value"
    # The implementing agency is empty.
    MISSING_AGENCY = "missing_agency"
    # The field (lĩnh vực) is empty.
    MISSING_FIELD = "missing_field"
    # The procedure's name is empty.
    MISSING_NAME = "missing_name"
    # The processing time is empty.
    MISSING_PROCESSING_TIME = "missing_processing_time"
    # The procedure's result is empty.
    MISSING_RESULT = "missing_result"
    # A fee is negative.
    NEGATIVE_FEE = "negative_fee"
    # The actor may not edit the catalogue or this agency's processes.
    PERMISSION_DENIED = "permission_denied"
    # An update tried to change the procedure's code.
    PROCEDURE_CODE_FIXED = "procedure_code_fixed"
    # The catalogue has this procedure code already.
    PROCEDURE_CODE_TAKEN = "procedure_code_taken"
    # No published procedure with this code.
    PROCEDURE_NOT_FOUND = "procedure_not_found"
    # Someone else created the process at the same time.
    PROCESS_CONFLICT = "process_conflict"
    # No such process.
    PROCESS_NOT_FOUND = "process_not_found"
    # The channels are not a list of direct, online and postal.
    UNKNOWN_CHANNEL = "unknown_channel"
    # The import has fields we do not support.
    UNKNOWN_KEY = "unknown_key"
    # The level is not province, commune or central.
    UNKNOWN_LEVEL = "unknown_level"
    # The online service level is not full, partial or none.
    UNKNOWN_ONLINE_CLASS = "unknown_online_class"
    # The import file is neither .json nor .csv.
    UNSUPPORTED_FORMAT = "unsupported_format"
