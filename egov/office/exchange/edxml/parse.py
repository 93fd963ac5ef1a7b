"""Read an edXML message (QCVN 102:2016) into the platform's fields.

Elements are found by namespace, never by prefix: the samples declare the
edXML namespace twice (default on the root, `edXML:` on the envelope) and a
sender may use either. Whatever is refused raises an EdxmlFault with a stable
code, so the receiver can send back an explicit fault and change nothing.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import re

from lxml import etree

from egov.office.exchange.edxml import model
from egov.office.exchange.edxml.errors import EdxmlFault
from egov.office.exchange.edxml.xmltools import NS, VN_TZ, child, children, q, secure_parse, text
from egov.office.exchange.errors import ExchangeError

DATE_FORMAT = "%Y/%m/%d"
DATE_PATTERN = re.compile(r"(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})")
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"


def parse_message(data: bytes) -> model.DocumentMessage | model.StatusMessage:
    """A document message, or a status message when the header has a StatusCode."""
    root = secure_parse(data)
    if root.tag != q("edXML"):
        raise EdxmlFault(
            ExchangeError.NOT_EDXML,
            "Thông điệp không phải là edXML theo QCVN 102:2016 (phần tử gốc phải là edXML).",
        )
    header = _path(root, "edXMLEnvelope", "edXMLHeader", "MessageHeader")
    if child(header, "StatusCode") is not None:
        return _status(header)
    return _document(root, header)


def _document(root: etree._Element, header: etree._Element) -> model.DocumentMessage:
    recipients = tuple(_organ(to, "To") for to in children(header, "To"))
    if not recipients:
        raise _missing("MessageHeader/To")
    code = _path(header, "Code")
    promulgation = child(header, "PromulgationInfo")
    doc_type = _path(header, "DocumentType")
    traces = child(_path(root, "edXMLEnvelope", "edXMLHeader"), "TraceHeaderList")
    return model.DocumentMessage(
        sender=_organ(_path(header, "From"), "From"),
        recipients=recipients,
        document_id=_required(header, "DocumentId"),
        code_number=_required(code, "CodeNumber", "Code/CodeNumber"),
        code_notation=text(code, "CodeNotation"),
        promulgation_place=text(promulgation, "Place"),
        promulgation_date=_date(text(promulgation, "PromulgationDate"), "PromulgationDate"),
        type_code=_required(doc_type, "Type", "DocumentType/Type"),
        type_detail=text(doc_type, "TypeDetail"),
        type_name=text(doc_type, "TypeName"),
        subject=_required(header, "Subject"),
        content=text(header, "Content"),
        signer=_signer(child(header, "SignerInfo")),
        due_date=_date(text(header, "DueDate"), "DueDate"),
        other_info=_other_info(child(header, "OtherInfo")),
        steering_type=text(header, "SteeringType"),
        to_places=tuple(
            (place.text or "").strip() for place in children(child(header, "ToPlaces"), "Place")
        ),
        response_for=_response_for(child(header, "ResponseFor"), required=False),
        traces=tuple(_trace(trace) for trace in children(traces, "TraceHeader")),
        business=_business(child(traces, "Bussiness")),
        attachments=_attachments(root),
    )


def _status(header: etree._Element) -> model.StatusMessage:
    raw_code = text(header, "StatusCode")
    try:
        code = model.StatusCode(raw_code)
    except ValueError:
        raise _invalid("StatusCode", raw_code) from None
    response_for = _response_for(child(header, "ResponseFor"), required=True)
    if response_for is None:  # required=True raises instead; this tells mypy
        raise _missing("ResponseFor")
    return model.StatusMessage(
        sender=_organ(_path(header, "From"), "From"),
        response_for=response_for,
        code=code,
        description=text(header, "Description"),
        timestamp=_timestamp(_required(header, "Timestamp"), "Timestamp"),
        staff=_staff(child(header, "StaffInfo")),
    )


def _organ(element: etree._Element, where: str) -> model.Organ:
    return model.Organ(
        organ_id=_required(element, "OrganId", f"{where}/OrganId"),
        organ_name=text(element, "OrganName"),
        organization_in_charge=text(element, "OrganizationInCharge"),
        address=text(element, "OrganAdd"),
        email=text(element, "Email"),
        telephone=text(element, "Telephone"),
        fax=text(element, "Fax"),
        website=text(element, "Website"),
    )


def _signer(element: etree._Element | None) -> model.SignerInfo:
    return model.SignerInfo(
        competence=text(element, "Competence"),
        position=text(element, "Position"),
        full_name=text(element, "FullName"),
    )


def _other_info(element: etree._Element | None) -> model.OtherInfo:
    direction = text(element, "Direction").lower()
    if direction not in ("", "true", "false", "0", "1"):
        raise _invalid("OtherInfo/Direction", direction)
    return model.OtherInfo(
        priority=_int(text(element, "Priority"), "OtherInfo/Priority") or 0,
        sphere_of_promulgation=text(element, "SphereOfPromulgation"),
        typer_notation=text(element, "TyperNotation"),
        promulgation_amount=_int(
            text(element, "PromulgationAmount"), "OtherInfo/PromulgationAmount"
        ),
        page_amount=_int(text(element, "PageAmount"), "OtherInfo/PageAmount"),
        direction=None if direction == "" else direction in ("true", "1"),
        appendixes=tuple(
            (item.text or "").strip() for item in children(child(element, "Appendixes"), "Appendix")
        ),
    )


def _response_for(element: etree._Element | None, *, required: bool) -> model.ResponseFor | None:
    # Senders leave an empty ResponseFor in a new document (the samples do).
    if element is None or not text(element, "OrganId"):
        if required:
            raise _missing("ResponseFor/OrganId")
        return None
    document_id = text(element, "DocumentId")
    if required and not document_id:
        raise _missing("ResponseFor/DocumentId")
    return model.ResponseFor(
        organ_id=text(element, "OrganId"),
        code=text(element, "Code"),
        document_id=document_id,
        promulgation_date=_date(text(element, "PromulgationDate"), "ResponseFor/PromulgationDate"),
    )


def _staff(element: etree._Element | None) -> model.StaffInfo | None:
    if element is None:
        return None
    return model.StaffInfo(
        department=text(element, "Department"),
        staff=text(element, "Staff"),
        email=text(element, "Email"),
        mobile=text(element, "Mobile"),
    )


def _trace(element: etree._Element) -> model.TraceHeader:
    return model.TraceHeader(
        organ_id=_required(element, "OrganId", "TraceHeader/OrganId"),
        timestamp=_timestamp(
            _required(element, "Timestamp", "TraceHeader/Timestamp"), "TraceHeader/Timestamp"
        ),
    )


def _business(element: etree._Element | None) -> model.Business:
    if element is None:
        # A message without Bussiness is a new document (the standard's default).
        return model.Business()
    raw_type = text(element, "BussinessDocType") or "0"
    try:
        doc_type = model.BusinessDocType(int(raw_type))
    except ValueError:
        raise _invalid("Bussiness/BussinessDocType", raw_type) from None
    info = child(element, "BussinessDocumentInfo")
    return model.Business(
        doc_type=doc_type,
        reason=text(element, "BussinessDocReason"),
        document_id=text(element, "DocumentId"),
        paper=_int(text(element, "Paper"), "Bussiness/Paper") or 0,
        staff=_staff(child(element, "StaffInfo")),
        document_info=_int(text(info, "DocumentInfo"), "BussinessDocumentInfo/DocumentInfo"),
        document_receiver=_int(
            text(info, "DocumentReceiver"), "BussinessDocumentInfo/DocumentReceiver"
        ),
        receivers=tuple(
            model.Receiver(
                organ_id=_required(receiver, "OrganId", "Receiver/OrganId"),
                receiver_type=_int(text(receiver, "ReceiverType"), "Receiver/ReceiverType") or 0,
            )
            for receiver in children(child(info, "ReceiverList"), "Receiver")
        ),
        replacements=tuple(
            model.Replacement(
                document_id=_required(replacement, "DocumentId", "ReplacementInfo/DocumentId"),
                organ_ids=tuple(
                    (organ.text or "").strip()
                    for organ in children(child(replacement, "OrganIdList"), "OrganId")
                ),
            )
            for replacement in children(child(element, "ReplacementInfoList"), "ReplacementInfo")
        ),
    )


def _attachments(root: etree._Element) -> tuple[model.Attachment, ...]:
    """The attachments, matched to the manifest's references by ContentId, in manifest order."""
    manifest = child(_path(root, "edXMLEnvelope", "edXMLBody"), "edXMLManifest")
    references: dict[str, etree._Element] = {}
    for reference in children(manifest, "Reference"):
        content_id = _required(reference, "ContentId", "Manifest/Reference/ContentId")
        if content_id in references:
            raise _mismatch(
                f"Mã nội dung {content_id} xuất hiện hai lần trong danh mục tệp đính kèm."
            )
        references[content_id] = reference
    encoded: dict[str, etree._Element] = {}
    for attachment in children(child(root, "AttachmentEncoded"), "Attachment"):
        content_id = _required(attachment, "ContentId", "Attachment/ContentId")
        if content_id in encoded:
            raise _mismatch(f"Tệp đính kèm {content_id} xuất hiện hai lần trong thông điệp.")
        if content_id not in references:
            raise _mismatch(f"Tệp đính kèm {content_id} không có trong danh mục (edXMLManifest).")
        encoded[content_id] = attachment
    missing = [content_id for content_id in references if content_id not in encoded]
    if missing:
        raise _mismatch(
            f"Tệp đính kèm {missing[0]} có trong danh mục nhưng không có trong thông điệp."
        )
    return tuple(
        _attachment(encoded[content_id], reference) for content_id, reference in references.items()
    )


def _attachment(element: etree._Element, reference: etree._Element) -> model.Attachment:
    content_id = text(element, "ContentId")
    raw = "".join(text(element, "ContentTransferEncoded").split())
    try:
        data = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise EdxmlFault(
            ExchangeError.ATTACHMENT_INVALID,
            f"Nội dung tệp đính kèm {content_id} không phải là dữ liệu base64 hợp lệ.",
            details={"content_id": content_id},
        ) from None
    return model.Attachment(
        content_id=content_id,
        name=text(element, "AttachmentName") or text(reference, "AttachmentName"),
        content_type=text(element, "ContentType") or text(reference, "ContentType"),
        description=text(element, "Description") or text(reference, "Description"),
        data=data,
    )


def _path(element: etree._Element, *names: str) -> etree._Element:
    found = element
    for index, name in enumerate(names):
        nxt = child(found, name)
        if nxt is None:
            raise _missing("/".join(names[: index + 1]))
        found = nxt
    return found


def _required(element: etree._Element | None, name: str, where: str | None = None) -> str:
    value = text(element, name)
    if not value:
        raise _missing(where or name)
    return value


def _date(value: str, where: str) -> datetime.date | None:
    if not value:
        return None
    match = DATE_PATTERN.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise _invalid(where, value) from None


def _timestamp(value: str, where: str) -> datetime.datetime:
    # The standard's timestamps carry no zone: they are Vietnam time.
    try:
        return datetime.datetime.strptime(value, TIMESTAMP_FORMAT).replace(tzinfo=VN_TZ)
    except ValueError:
        raise _invalid(where, value) from None


def _int(value: str, where: str) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise _invalid(where, value) from None


def _missing(where: str) -> EdxmlFault:
    return EdxmlFault(
        ExchangeError.MISSING_FIELD,
        f"Thông điệp edXML thiếu trường bắt buộc {where}.",
        details={"field": where},
    )


def _invalid(where: str, value: str) -> EdxmlFault:
    return EdxmlFault(
        ExchangeError.INVALID_FIELD,
        f"Trường {where} của thông điệp edXML có giá trị không hợp lệ: «{value}».",
        details={"field": where, "value": value},
    )


def _mismatch(message: str) -> EdxmlFault:
    return EdxmlFault(ExchangeError.ATTACHMENT_MISMATCH, message)


__all__ = ["NS", "parse_message"]
