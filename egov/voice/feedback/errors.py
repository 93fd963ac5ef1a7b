"""The error codes of feedback and the dialogue page.

Stable: API and Open311 clients and the tests rely on the values; add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class FeedbackError(StrEnum):
    PERMISSION_DENIED = "voice_permission_denied"
    NOT_FOUND = "voice_feedback_not_found"
    INVALID_FIELD = "voice_invalid_field"
    CONTACT_REQUIRED = "voice_contact_required"
    STATE_NOT_ALLOWED = "voice_state_not_allowed"
    REASON_REQUIRED = "voice_reason_required"
    UNIT_NOT_ALLOWED = "voice_unit_not_allowed"
    FILE_TOO_LARGE = "voice_file_too_large"
    FILE_NOT_ALLOWED = "voice_file_not_allowed"
    TOO_MANY_FILES = "voice_too_many_files"
    TOO_MANY_REQUESTS = "voice_too_many_requests"
    NOT_THE_SENDER = "voice_not_the_sender"
    LINK_NOT_ALLOWED = "voice_link_not_allowed"
