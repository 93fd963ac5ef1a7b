"""The edXML bytes of an outbound message, built when the worker sends it.

A document message carries the issued document's fields and its final PDF
(the signed or sealed version when there is one). A status message is built
from the row's own fields. Both are signed with the organisation's key when
one is configured (EXCHANGE_SIGNING_KEY_FILE and EXCHANGE_SIGNING_CERT_FILE;
xmlsig.sign_message). Built again on each attempt from the same rows,
so a retry sends the same content under the same consignment id.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings
from django.utils import timezone

from egov.office.documents.models import (
    OutgoingDocument,
    OutgoingVersion,
    Relation,
    VersionStatus,
)
from egov.office.documents.services.attachments import issued_attachments
from egov.office.exchange.edxml import model
from egov.office.exchange.edxml.build import build_document, build_status
from egov.office.exchange.edxml.xmlsig import sign_message
from egov.office.exchange.models import MessageKind, OutboundMessage


def outgoing_document_id(document: OutgoingDocument) -> str:
    """The edXML DocumentId of an issued document: "organ,yyyy/MM/dd,notation"."""
    assert document.issued_on is not None  # noqa: S101 - only issued documents are sent
    return model.document_id(document.body.agency_code or "", document.issued_on, document.notation)


def message_bytes(row: OutboundMessage) -> bytes:
    # Statuses are signed like documents, so a receiver that checks signatures
    # knows that a 03 or a 15 really comes from the agency it names.
    if row.kind == MessageKind.STATUS:
        return _signed(build_status(status_message(row)))
    return _signed(build_document(document_message(row)))


def status_message(row: OutboundMessage) -> model.StatusMessage:
    notation = row.document_id.split(",", 2)[-1] if row.document_id.count(",") >= 2 else ""
    # ResponseFor names the document's issuer: the addressee of a receiver's
    # status, the sender itself for a recall (13) the issuer sends.
    issuer = (
        row.from_organ if row.status_code == model.StatusCode.RECALL_REQUESTED else row.to_organ
    )
    return model.StatusMessage(
        sender=model.Organ(organ_id=row.from_organ),
        response_for=model.ResponseFor(organ_id=issuer, code=notation, document_id=row.document_id),
        code=model.StatusCode(row.status_code),
        description=row.description,
        timestamp=timezone.localtime(row.status_at or row.created_at).replace(
            microsecond=0, tzinfo=None
        ),
    )


def document_message(row: OutboundMessage) -> model.DocumentMessage:
    recipient = row.recipient
    assert recipient is not None  # noqa: S101 - a document row always has its recipient
    document = (
        OutgoingDocument.objects.select_related("body", "document_type", "signer", "related__body")
        .prefetch_related("recipients")
        .get(pk=recipient.document_id)
    )
    number, _, symbol = document.notation.partition("/")
    issued_on = document.issued_on
    issued_at = timezone.localtime(document.issued_at or timezone.now())
    return model.DocumentMessage(
        sender=model.Organ(organ_id=row.from_organ, organ_name=document.body.name),
        recipients=(model.Organ(organ_id=row.to_organ, organ_name=recipient.name),),
        document_id=row.document_id,
        code_number=number if symbol else str(document.number or ""),
        code_notation=symbol or document.notation,
        promulgation_place=document.body.name,
        promulgation_date=issued_on,
        type_code=document.document_type.abbreviation or "",
        type_detail="",
        type_name=document.document_type.name,
        subject=document.summary,
        signer=model.SignerInfo(full_name=document.signer.display_name),
        to_places=tuple(str(r) for r in document.recipients.all()),
        traces=(
            model.TraceHeader(
                organ_id=row.from_organ,
                timestamp=issued_at.replace(microsecond=0, tzinfo=None),
            ),
        ),
        attachments=tuple(_attachments(document)),
        business=business_of(document, row.to_organ),
    )


# The edXML business type of a recall, replacement or correction (QCVN 102:2016,
# TraceHeaderList/Bussiness); a correction travels as an update of the fields.
_BUSINESS = {
    Relation.RECALL: model.BusinessDocType.REVOCATION,
    Relation.REPLACE: model.BusinessDocType.REPLACEMENT,
    Relation.CORRECT: model.BusinessDocType.UPDATE,
}


def business_of(document: OutgoingDocument, to_organ: str) -> model.Business:
    """The Bussiness part: which earlier document `document` revokes, updates or replaces."""
    related = document.related
    if related is None or related.issued_on is None or document.relation == Relation.NONE:
        return model.Business(document_id=outgoing_document_id(document))
    doc_type = _BUSINESS[Relation(document.relation)]
    related_id = outgoing_document_id(related)
    reason = f"{document.get_relation_display()} {related.notation}"
    if doc_type == model.BusinessDocType.REPLACEMENT:
        return model.Business(
            document_id=outgoing_document_id(document),
            doc_type=doc_type,
            reason=reason,
            replacements=(model.Replacement(document_id=related_id, organ_ids=(to_organ,)),),
        )
    if doc_type == model.BusinessDocType.UPDATE:
        return model.Business(
            document_id=related_id,
            doc_type=doc_type,
            reason=reason,
            document_info=1,
            document_receiver=0,
            receivers=(model.Receiver(organ_id=to_organ, receiver_type=0),),
        )
    return model.Business(document_id=related_id, doc_type=doc_type, reason=reason)


def _attachments(document: OutgoingDocument) -> list[model.Attachment]:
    version = (
        OutgoingVersion.objects.filter(document=document, status=VersionStatus.READY)
        .exclude(file="")
        .order_by("-number")
        .first()
    )
    if version is None:
        return []
    with version.file.open("rb") as handle:
        data = handle.read()
    name = f"{document.notation.replace('/', '_') or 'van-ban'}.pdf"
    main = model.Attachment(content_id="1", name=name, content_type="application/pdf", data=data)
    # The annexes after the main file (the receiver registers the first PDF as the
    # document and the rest as its attachments), sealed when the main file was.
    return [
        main,
        *(
            model.Attachment(
                content_id=str(position),
                name=annex_name,
                content_type="application/pdf",
                data=annex,
            )
            for position, (annex_name, annex) in enumerate(issued_attachments(version), start=2)
        ),
    ]


def _signed(message: bytes) -> bytes:
    credential = _credential(
        str(getattr(settings, "EXCHANGE_SIGNING_KEY_FILE", "") or ""),
        str(getattr(settings, "EXCHANGE_SIGNING_CERT_FILE", "") or ""),
    )
    if credential is None:
        return message
    key, certificates = credential
    return sign_message(message, key=key, certificates=certificates)


@cache
def _credential(
    key_file: str, cert_file: str
) -> tuple[PrivateKeyTypes, list[x509.Certificate]] | None:
    if not key_file or not cert_file:
        return None
    key = load_pem_private_key(Path(key_file).read_bytes(), password=None)
    certificates = x509.load_pem_x509_certificates(Path(cert_file).read_bytes())
    return key, certificates
