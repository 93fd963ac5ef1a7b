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
    # Internal audits (item 3): bad input on a programme, a plan, a checklist or a finding.
    INVALID_AUDIT = "invalid_audit"
    # A programme for that agency and year exists already.
    PROGRAMME_EXISTS = "audit_programme_exists"
    # A status change the audit or the nonconformity's state does not allow.
    TRANSITION_NOT_ALLOWED = "quality_transition_not_allowed"
    # A completed audit changes no more; an audit completes with its checklist answered.
    AUDIT_CLOSED = "audit_closed"
    CHECKLIST_UNANSWERED = "checklist_unanswered"
    # An auditor does a step of a procedure in the audit's scope (ISO 19011 independence).
    AUDITOR_NOT_INDEPENDENT = "auditor_not_independent"
    # The corrective action's owner does not check their own action's effectiveness.
    OWN_ACTION = "own_action_check"
    # Records register (item 2).
    INVALID_RECORD = "invalid_record"
    # The yearly announcement of conformity (item 4): a year not begun, or nothing in force.
    INVALID_YEAR = "invalid_year"
    NOTHING_TO_ANNOUNCE = "nothing_to_announce"
    # Other controlled documents (item 1): bad input, a code taken, a generated procedure.
    INVALID_DOCUMENT = "invalid_document"
    DOCUMENT_EXISTS = "document_exists"
    GENERATED_DOCUMENT = "generated_document"
    # The service report (item 6): a period not written as 2026-H2 or not begun;
    # a unit that is not a number.
    INVALID_PERIOD = "invalid_period"
    INVALID_UNIT = "invalid_unit"
