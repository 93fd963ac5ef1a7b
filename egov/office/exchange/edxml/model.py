"""The fields of an edXML message (QCVN 102:2016/BTTTT), as plain values.

A parsed message and a message to build are the same frozen dataclasses, so
build -> parse gives back an equal object (the round trip the tests check).
Field names follow the standard's elements (DOMAIN.md, "Exchange between
agencies"); free texts stay strings because real messages put anything in
them (the samples have a CodeNumber of "74fass22").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class BusinessDocType(IntEnum):
    """TraceHeaderList/Bussiness/BussinessDocType."""

    NEW = 0
    REVOCATION = 1
    UPDATE = 2
    REPLACEMENT = 3


class StatusCode(StrEnum):
    """The business statuses a receiver sends back (two digits)."""

    ARRIVED = "01"
    REFUSED = "02"
    ACCEPTED = "03"
    ASSIGNED = "04"
    PROCESSING = "05"
    COMPLETED = "06"
    RECALL_REQUESTED = "13"
    RECALL_ACCEPTED = "15"
    RECALL_REFUSED = "16"


@dataclass(frozen=True)
class Organ:
    """From, To: an agency by its identifier (mã định danh, Circular 01/2022)."""

    organ_id: str
    organ_name: str = ""
    organization_in_charge: str = ""
    address: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class SignerInfo:
    competence: str = ""
    position: str = ""
    full_name: str = ""


@dataclass(frozen=True)
class OtherInfo:
    priority: int = 0
    sphere_of_promulgation: str = ""
    typer_notation: str = ""
    promulgation_amount: int | None = None
    page_amount: int | None = None
    # Direction: true when the document is a directive to the receivers.
    direction: bool | None = None
    appendixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponseFor:
    """The document a message answers (a reply, or a status message's subject)."""

    organ_id: str
    code: str = ""
    document_id: str = ""
    promulgation_date: datetime.date | None = None


@dataclass(frozen=True)
class StaffInfo:
    department: str = ""
    staff: str = ""
    email: str = ""
    mobile: str = ""


@dataclass(frozen=True)
class TraceHeader:
    organ_id: str
    timestamp: datetime.datetime


@dataclass(frozen=True)
class Receiver:
    """An update's receiver; ReceiverType 0 keeps the document, 1 is new to it."""

    organ_id: str
    receiver_type: int = 0


@dataclass(frozen=True)
class Replacement:
    """A replaced document and the agencies that hold it."""

    document_id: str
    organ_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Business:
    """TraceHeaderList/Bussiness (spelled so in the standard)."""

    doc_type: BusinessDocType = BusinessDocType.NEW
    reason: str = ""
    document_id: str = ""
    # Paper: 1 when the paper original is sent as well.
    paper: int = 0
    staff: StaffInfo | None = None
    # An update's BussinessDocumentInfo: DocumentInfo (1: the document's
    # fields changed) and DocumentReceiver (1: its receivers changed).
    document_info: int | None = None
    document_receiver: int | None = None
    receivers: tuple[Receiver, ...] = ()
    replacements: tuple[Replacement, ...] = ()


@dataclass(frozen=True)
class Attachment:
    content_id: str
    name: str
    content_type: str
    data: bytes = field(repr=False)
    description: str = ""


@dataclass(frozen=True)
class DocumentMessage:
    """A document sent from one agency to others (new, revocation, update, replacement)."""

    sender: Organ
    recipients: tuple[Organ, ...]
    document_id: str
    code_number: str
    code_notation: str
    promulgation_place: str
    promulgation_date: datetime.date | None
    type_code: str
    type_detail: str
    type_name: str
    subject: str
    content: str = ""
    signer: SignerInfo = SignerInfo()
    due_date: datetime.date | None = None
    other_info: OtherInfo = OtherInfo()
    steering_type: str = ""
    to_places: tuple[str, ...] = ()
    response_for: ResponseFor | None = None
    traces: tuple[TraceHeader, ...] = ()
    business: Business = Business()
    attachments: tuple[Attachment, ...] = ()

    @property
    def code(self) -> str:
        """Number and symbol as the document shows them: "7816/VPCP-TTĐT"."""
        return (
            f"{self.code_number}/{self.code_notation}" if self.code_notation else self.code_number
        )


@dataclass(frozen=True)
class StatusMessage:
    """A business status sent back to the document's sender (no signature, no To)."""

    sender: Organ
    response_for: ResponseFor
    code: StatusCode
    description: str
    timestamp: datetime.datetime
    staff: StaffInfo | None = None


def document_id(organ_id: str, promulgation_date: datetime.date, code: str) -> str:
    """DocumentId as the standard composes it: "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"."""
    return f"{organ_id},{promulgation_date:%Y/%m/%d},{code}"
