"""The transport interface and the envelope every transport carries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Protocol

# The edXML version this platform reads and writes; the hub and the receiver
# refuse any other with the unsupported_version fault.
EDXML_VERSION = "QCVN102:2016"


@dataclass(frozen=True)
class Envelope:
    consignment_id: uuid.UUID
    from_organ: str
    to_organ: str
    kind: str  # MessageKind: document or status
    body: bytes = field(repr=False)
    version: str = EDXML_VERSION


class Fault(Exception):  # noqa: N818 - the standard's word for an explicit refusal
    """An explicit answer from the receiver or the hub, with a stable code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class Transport(Protocol):
    def send(self, envelope: Envelope) -> None:
        """Hand the message over; raise Fault (final) or anything else (retry)."""
