"""Write an edXML message (QCVN 102:2016) with the structure of the samples.

The layout copies ../shared/reference/edxml-samples/: the root `edXML` with
the edXML namespace as default, the envelope repeating it with the prefix
`edXML:`, the attachments after the envelope. Receivers that read by prefix
(some do) then find what they expect. Optional groups that are empty are left
out, so build -> parse gives back the same fields.
"""

from __future__ import annotations

import base64
import datetime

from lxml import etree

from egov.office.exchange.edxml import model
from egov.office.exchange.edxml.parse import DATE_FORMAT, TIMESTAMP_FORMAT
from egov.office.exchange.edxml.xmltools import NS, VN_TZ, child, q

# The envelope and the header must exist before signing: the signature goes
# into edXMLHeader after the TraceHeaderList (xmlsig.sign_message).
HEADER_PATH = ("edXMLEnvelope", "edXMLHeader")


def build_document(message: model.DocumentMessage) -> bytes:
    root, header_parent = _skeleton()
    header = _sub(header_parent, "MessageHeader")
    _organ(header, "From", message.sender)
    for recipient in message.recipients:
        _organ(header, "To", recipient)
    _leaf(header, "DocumentId", message.document_id)
    code = _sub(header, "Code")
    _leaf(code, "CodeNumber", message.code_number)
    _leaf(code, "CodeNotation", message.code_notation)
    promulgation = _sub(header, "PromulgationInfo")
    _leaf(promulgation, "Place", message.promulgation_place)
    _leaf(promulgation, "PromulgationDate", _date(message.promulgation_date))
    doc_type = _sub(header, "DocumentType")
    _leaf(doc_type, "Type", message.type_code)
    _leaf(doc_type, "TypeDetail", message.type_detail)
    _leaf(doc_type, "TypeName", message.type_name)
    _leaf(header, "Subject", message.subject)
    _leaf(header, "Content", message.content)
    signer = _sub(header, "SignerInfo")
    _leaf(signer, "Competence", message.signer.competence)
    _leaf(signer, "Position", message.signer.position)
    _leaf(signer, "FullName", message.signer.full_name)
    _leaf(header, "DueDate", _date(message.due_date))
    _other_info(header, message.other_info)
    _leaf(header, "SteeringType", message.steering_type)
    places = _sub(header, "ToPlaces")
    for place in message.to_places:
        _leaf(places, "Place", place)
    if message.response_for is not None:
        _response_for(header, message.response_for)
    traces = _sub(header_parent, "TraceHeaderList")
    for trace in message.traces:
        element = _sub(traces, "TraceHeader")
        _leaf(element, "OrganId", trace.organ_id)
        _leaf(element, "Timestamp", _timestamp(trace.timestamp))
    _business(traces, message.business)
    body = _sub(header_parent.getparent(), "edXMLBody")
    manifest = _sub(body, "edXMLManifest", version="1.0")
    for attachment in message.attachments:
        reference = _sub(manifest, "Reference")
        _leaf(reference, "ContentId", attachment.content_id)
        _leaf(reference, "ContentType", attachment.content_type)
        _leaf(reference, "Description", attachment.description)
        _leaf(reference, "AttachmentName", attachment.name)
        encoded = child(root, "AttachmentEncoded")
        if encoded is None:
            encoded = _sub(root, "AttachmentEncoded")
        element = _sub(encoded, "Attachment")
        _leaf(element, "ContentId", attachment.content_id)
        _leaf(element, "AttachmentName", attachment.name)
        _leaf(element, "Description", attachment.description)
        _leaf(element, "ContentType", attachment.content_type)
        _leaf(element, "ContentTransferEncoded", base64.b64encode(attachment.data).decode("ascii"))
    return _serialise(root)


def build_status(message: model.StatusMessage) -> bytes:
    """A status message: no To (the addressee is ResponseFor), no signature, no body."""
    root, header_parent = _skeleton()
    header = _sub(header_parent, "MessageHeader")
    _organ(header, "From", message.sender)
    _response_for(header, message.response_for)
    if message.staff is not None:
        _staff(header, message.staff)
    _leaf(header, "StatusCode", message.code.value)
    _leaf(header, "Description", message.description)
    _leaf(header, "Timestamp", _timestamp(message.timestamp))
    return _serialise(root)


def _skeleton() -> tuple[etree._Element, etree._Element]:
    root = etree.Element(q("edXML"), nsmap={None: NS})
    envelope = etree.SubElement(root, q("edXMLEnvelope"), nsmap={"edXML": NS})
    header = etree.SubElement(envelope, q("edXMLHeader"))
    return root, header


def _organ(parent: etree._Element, tag: str, organ: model.Organ) -> None:
    element = _sub(parent, tag)
    _leaf(element, "OrganId", organ.organ_id)
    _leaf(element, "OrganizationInCharge", organ.organization_in_charge)
    _leaf(element, "OrganName", organ.organ_name)
    _leaf(element, "OrganAdd", organ.address)
    _leaf(element, "Email", organ.email)
    _leaf(element, "Telephone", organ.telephone)
    _leaf(element, "Fax", organ.fax)
    _leaf(element, "Website", organ.website)


def _other_info(parent: etree._Element, info: model.OtherInfo) -> None:
    element = _sub(parent, "OtherInfo")
    _leaf(element, "Priority", str(info.priority))
    _leaf(element, "SphereOfPromulgation", info.sphere_of_promulgation)
    _leaf(element, "TyperNotation", info.typer_notation)
    _leaf(element, "PromulgationAmount", _optional_int(info.promulgation_amount))
    _leaf(element, "PageAmount", _optional_int(info.page_amount))
    _leaf(element, "Direction", "" if info.direction is None else str(info.direction).lower())
    if info.appendixes:
        appendixes = _sub(element, "Appendixes")
        for appendix in info.appendixes:
            _leaf(appendixes, "Appendix", appendix)


def _response_for(parent: etree._Element, response: model.ResponseFor) -> None:
    element = _sub(parent, "ResponseFor")
    _leaf(element, "OrganId", response.organ_id)
    _leaf(element, "Code", response.code)
    _leaf(element, "PromulgationDate", _date(response.promulgation_date))
    _leaf(element, "DocumentId", response.document_id)


def _staff(parent: etree._Element, staff: model.StaffInfo) -> None:
    element = _sub(parent, "StaffInfo")
    _leaf(element, "Department", staff.department)
    _leaf(element, "Staff", staff.staff)
    _leaf(element, "Email", staff.email)
    _leaf(element, "Mobile", staff.mobile)


def _business(parent: etree._Element, business: model.Business) -> None:
    element = _sub(parent, "Bussiness")
    _leaf(element, "DocumentId", business.document_id)
    _leaf(element, "BussinessDocType", str(int(business.doc_type)))
    _leaf(element, "BussinessDocReason", business.reason)
    _leaf(element, "Paper", str(business.paper))
    if (
        business.document_info is not None
        or business.document_receiver is not None
        or business.receivers
    ):
        info = _sub(element, "BussinessDocumentInfo")
        _leaf(info, "DocumentInfo", _optional_int(business.document_info))
        _leaf(info, "DocumentReceiver", _optional_int(business.document_receiver))
        receivers = _sub(info, "ReceiverList")
        for receiver in business.receivers:
            item = _sub(receivers, "Receiver")
            _leaf(item, "OrganId", receiver.organ_id)
            _leaf(item, "ReceiverType", str(receiver.receiver_type))
    if business.replacements:
        replacements = _sub(element, "ReplacementInfoList")
        for replacement in business.replacements:
            item = _sub(replacements, "ReplacementInfo")
            _leaf(item, "DocumentId", replacement.document_id)
            organs = _sub(item, "OrganIdList")
            for organ_id in replacement.organ_ids:
                _leaf(organs, "OrganId", organ_id)
    if business.staff is not None:
        _staff(element, business.staff)


def _sub(parent: etree._Element, name: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, q(name), attrib=attributes or None)


def _leaf(parent: etree._Element, name: str, value: str) -> None:
    """An element with text; an empty value writes nothing (parsed back as "")."""
    if value:
        _sub(parent, name).text = value


def _date(value: datetime.date | None) -> str:
    return "" if value is None else value.strftime(DATE_FORMAT)


def _timestamp(value: datetime.datetime) -> str:
    # Vietnam time without a zone, as the standard writes it.
    return value.astimezone(VN_TZ).strftime(TIMESTAMP_FORMAT)


def _optional_int(value: int | None) -> str:
    return "" if value is None else str(value)


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
