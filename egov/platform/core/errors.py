"""Domain errors: a stable machine code plus a Vietnamese message for people.

Service functions raise these; the API turns them into
`{"code": ..., "message": ...}` with the error's HTTP status, and pages show
the message. Codes never change once published; messages may be reworded.
"""

from __future__ import annotations

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
