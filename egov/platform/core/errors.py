"""Domain errors: a stable machine code plus a Vietnamese message for people.

Service functions raise these; the API turns them into
`{"code": ..., "message": ...}` with the error's HTTP status, and pages show
the message. Codes never change once published; messages may be reworded.

Each app lists the codes it raises in one StrEnum in its errors.py (for
example `PaymentError` in egov/onestop/payments/errors.py). A member is a str,
so it is passed here as the code and compares equal to its value.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}


class InvalidInput(DomainError):
    status = 422


class NotFound(DomainError):
    status = 404


class PermissionDenied(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class InsufficientStorage(DomainError):
    """The disk (or the account's quota) is full: nothing of the request was kept."""

    status = 507


class CoreError(StrEnum):
    # The file storage ran out of room (egov/platform/core/storage.py).
    STORAGE_FULL = "storage_full"
