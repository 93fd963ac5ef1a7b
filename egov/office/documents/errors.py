"""The error codes of the document office (registers, numbering, incoming documents).

Stable: API clients and the tests rely on the values; add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class OfficeError(StrEnum):
    PERMISSION_DENIED = "office_permission_denied"
    DOCUMENT_NOT_FOUND = "office_document_not_found"
    REGISTER_NOT_FOUND = "office_register_not_found"
    # Register administration (issue 19): a register of that name exists in the year,
    # the year is over or too far ahead, the register is closed, or open already.
    REGISTER_NAME_TAKEN = "office_register_name_taken"
    REGISTER_YEAR_INVALID = "office_register_year_invalid"
    REGISTER_CLOSED = "office_register_closed"
    REGISTER_OPEN = "office_register_open"
    TYPE_NOT_FOUND = "office_type_not_found"
    TYPE_IN_TWO_REGISTERS = "office_type_in_two_registers"
    BODY_WITHOUT_ABBREVIATION = "office_body_without_abbreviation"
    UNIT_WITHOUT_ABBREVIATION = "office_unit_without_abbreviation"
    NOTATION_TAKEN = "office_notation_taken"
    WRONG_DIRECTION = "office_wrong_register_direction"
    POSSIBLE_DUPLICATE = "office_possible_duplicate"
    FILE_REQUIRED = "office_file_required"
    FILE_NOT_PDF = "office_file_not_pdf"
    FILE_TOO_LARGE = "office_file_too_large"
    INVALID_FIELD = "office_invalid_field"
    NO_LEADER = "office_no_leader"
    LEADER_NOT_ELIGIBLE = "office_leader_not_eligible"
    NOT_AWAITING_ASSIGNMENT = "office_not_awaiting_assignment"
    LEAD_REQUIRED = "office_lead_required"
    HOLDER_NOT_ELIGIBLE = "office_holder_not_eligible"
    CONFIDENTIAL_NEEDS_PERSON = "office_confidential_needs_person"
    NOT_A_HOLDER = "office_not_a_holder"
    ACTION_NOT_ALLOWED = "office_action_not_allowed"
    NOTE_REQUIRED = "office_note_required"
    DEADLINE_INVALID = "office_deadline_invalid"
    # Outgoing documents.
    NOT_A_DRAFTER = "office_not_the_drafter"
    SIGNER_NOT_ELIGIBLE = "office_signer_not_eligible"
    REVIEWER_NOT_ELIGIBLE = "office_reviewer_not_eligible"
    RECIPIENT_INVALID = "office_recipient_invalid"
    RECIPIENT_REQUIRED = "office_recipient_required"
    STATE_NOT_ALLOWED = "office_outgoing_state_not_allowed"
    VERSION_NOT_READY = "office_version_not_ready"
    FILE_NOT_DRAFT = "office_file_not_pdf_or_docx"
    ATTACHMENT_NOT_PDF = "office_attachment_not_pdf"
    ATTACHMENTS_TOO_MANY = "office_attachments_too_many"
    RELATED_INVALID = "office_related_document_invalid"
    REPLY_INVALID = "office_reply_invalid"
    SIGNATURE_REQUIRED = "office_signature_required"
    # Digital signatures (services/signing.py).
    SIGNATURE_BOX_MISSING = "office_signature_box_missing"
    SIGNING_PENDING = "office_signing_pending"
    NO_PENDING_SIGNING = "office_no_pending_signing"
    # Publication on the portal (services/publicity.py).
    CONFIDENTIAL_NOT_PUBLIC = "office_confidential_not_public"
