"""The document office's tables: types and registers, incoming documents and their handling."""

from egov.office.documents.models.incoming import (
    ActionKind,
    Channel,
    DocumentAction,
    Holder,
    HolderRole,
    HolderStatus,
    IncomingAttachment,
    IncomingDocument,
    IncomingStatus,
    Secrecy,
    Urgency,
)
from egov.office.documents.models.registers import (
    Direction,
    DocumentType,
    Register,
    RegisterEntry,
    UnitAbbreviation,
)

__all__ = [
    "ActionKind",
    "Channel",
    "Direction",
    "DocumentAction",
    "DocumentType",
    "Holder",
    "HolderRole",
    "HolderStatus",
    "IncomingAttachment",
    "IncomingDocument",
    "IncomingStatus",
    "Register",
    "RegisterEntry",
    "Secrecy",
    "UnitAbbreviation",
    "Urgency",
]
