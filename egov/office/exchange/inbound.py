"""A message arriving for an agency of this deployment: checked, kept once, queued.

`accept(envelope)` is the receiver, whichever transport brought the message
(transport/local.py, or the hub fetch in tasks.py). In this order, each
refusal an explicit fault that changes nothing but a row in InboundFault:

1. the edXML version (unsupported_version) and the size (too_large);
2. the consignment id, seen before (duplicate: dropped, answered idempotently);
3. the XML: well-formed, edXML, the required fields, the attachments against
   their manifest (edxml/parse.py);
4. the addressee: a unit of this deployment with that identifier
   (unknown_addressee); a document's To must name it;
5. the signature of a document or a status against the trusted roots
   (EXCHANGE_TRUSTED_ROOTS_FILE; not checked when none are configured);
6. a status must be about a document this agency sent to its sender
   (unknown_document).

A document lands in the body's queue of received documents, waiting for the
clerk (intake.py), with its attachments and each PDF's signature report, and
status 01 (arrived) goes back in the same transaction. A status is added to
the sender's per-recipient timeline.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from egov.office.exchange.directory import own_unit
from egov.office.exchange.edxml import model
from egov.office.exchange.edxml.parse import parse_message
from egov.office.exchange.edxml.xmlsig import verify_message
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.faults import (
    duplicate,
    invalid_envelope,
    too_large,
    unknown_addressee,
    unknown_document,
    unsupported_version,
)
from egov.office.exchange.models import (
    Change,
    InboundFault,
    MessageKind,
    OutboundMessage,
    RecallSeen,
    RecallState,
    ReceivedAttachment,
    ReceivedDocument,
    SignatureCheck,
    StatusEntry,
)
from egov.office.exchange.outbox import queue_status
from egov.office.exchange.transport.base import EDXML_VERSION, Envelope
from egov.platform.audit.services import record_event
from egov.platform.core.errors import DomainError
from egov.platform.organisation.models import Unit
from egov.platform.signatures.config import signature_config
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.validation import validate_pdf

logger = logging.getLogger(__name__)


def accept(envelope: Envelope) -> ReceivedDocument | StatusEntry:
    """Take `envelope` for an agency of this deployment, or raise its fault (recorded)."""
    try:
        return _accept(envelope)
    except DomainError as error:
        if error.code != ExchangeError.DUPLICATE:
            _record_fault(envelope, error)
        raise


def _accept(envelope: Envelope) -> ReceivedDocument | StatusEntry:
    if envelope.version != EDXML_VERSION:
        raise unsupported_version(envelope.version)
    limit = int(settings.EXCHANGE_MAX_MESSAGE_MB)
    if len(envelope.body) > limit * 1024 * 1024:
        raise too_large(len(envelope.body), limit)
    if envelope.kind not in MessageKind.values:
        raise invalid_envelope("kind")
    cid = envelope.consignment_id
    if seen(cid):
        raise duplicate(str(cid))
    message = parse_message(envelope.body)
    try:
        if isinstance(message, model.StatusMessage):
            return _status(envelope, message)
        return _document(envelope, message)
    except IntegrityError:
        # The same consignment accepted concurrently: the other one won.
        raise duplicate(str(cid)) from None


def seen(consignment_id: uuid.UUID) -> bool:
    return (
        ReceivedDocument.objects.filter(consignment_id=consignment_id).exists()
        or StatusEntry.objects.filter(consignment_id=consignment_id).exists()
        or RecallSeen.objects.filter(consignment_id=consignment_id).exists()
    )


def _addressee(organ_id: str) -> Unit:
    unit = own_unit(organ_id)
    if unit is None:
        raise unknown_addressee(organ_id)
    return unit


def _signature(body: bytes) -> tuple[str, str]:
    roots = str(getattr(settings, "EXCHANGE_TRUSTED_ROOTS_FILE", "") or "")
    if not roots:
        return SignatureCheck.NOT_CHECKED, ""
    verified = verify_message(body, trusted_roots=Path(roots))
    return SignatureCheck.VERIFIED, verified.subject[:300]


def _document(envelope: Envelope, message: model.DocumentMessage) -> ReceivedDocument:
    if envelope.to_organ not in {organ.organ_id for organ in message.recipients}:
        raise unknown_addressee(envelope.to_organ)
    body = _addressee(envelope.to_organ)
    signature, signed_by = _signature(envelope.body)
    if message.promulgation_date is None:
        raise invalid_envelope("PromulgationDate")
    reports = [_pdf_signatures(a) for a in message.attachments]
    change, changes_id = changed_document(message.business)
    stored: list[str] = []
    try:
        with transaction.atomic(durable=True):
            received = ReceivedDocument(
                consignment_id=envelope.consignment_id,
                body=body,
                sender_organ=message.sender.organ_id,
                sender_name=(message.sender.organ_name or message.sender.organ_id)[:255],
                document_id=message.document_id[:300],
                notation=message.code[:120],
                issued_on=message.promulgation_date,
                type_name=message.type_name[:120],
                summary=message.subject,
                signer=message.signer.full_name[:255],
                signature=signature,
                signed_by=signed_by,
                change=change,
                changes_document_id=changes_id[:300],
                changes=ReceivedDocument.objects.filter(
                    body=body, sender_organ=message.sender.organ_id, document_id=changes_id
                )
                .order_by("pk")
                .first()
                if changes_id
                else None,
            )
            received.message.save(
                f"{envelope.consignment_id}.xml", ContentFile(envelope.body), save=False
            )
            stored.append(received.message.name)
            received.save()
            for attachment, report in zip(message.attachments, reports, strict=True):
                row = ReceivedAttachment(
                    received=received,
                    content_id=attachment.content_id[:200],
                    name=attachment.name[:255],
                    content_type=attachment.content_type[:100],
                    size=len(attachment.data),
                    signatures=report,
                )
                row.file.save(_safe_name(attachment), ContentFile(attachment.data), save=False)
                stored.append(row.file.name)
                row.save()
            queue_status(received, model.StatusCode.ARRIVED, "Đã đến")
            record_event(
                event_type="exchange.document_received",
                actor=None,
                target=received,
                unit=body,
                details={
                    "consignment_id": str(envelope.consignment_id),
                    "from": received.sender_organ,
                    "document_id": received.document_id,
                    "signature": signature,
                    "change": change.value,
                    "changes": changes_id,
                },
            )
    except BaseException:
        storage = ReceivedDocument._meta.get_field("message").storage
        for name in stored:
            storage.delete(name)
        raise
    return received


_CHANGES = {
    model.BusinessDocType.REVOCATION: Change.REVOCATION,
    model.BusinessDocType.UPDATE: Change.UPDATE,
    model.BusinessDocType.REPLACEMENT: Change.REPLACEMENT,
}


def changed_document(business: model.Business) -> tuple[Change, str]:
    """What the message does to an earlier document, and that document's DocumentId.

    A replacement names the replaced documents in its ReplacementInfoList, an
    update or revocation in Bussiness/DocumentId (as the samples of QCVN
    102:2016 do; a revocation sample leaves it out, then nothing is linked).
    """
    change = _CHANGES.get(business.doc_type, Change.NONE)
    if change == Change.NONE:
        return change, ""
    if change == Change.REPLACEMENT:
        return change, business.replacements[0].document_id if business.replacements else ""
    return change, business.document_id


def _safe_name(attachment: model.Attachment) -> str:
    suffix = Path(attachment.name).suffix.lower()[:10]
    return f"{uuid.uuid4().hex}{suffix if suffix.isascii() else ''}"


def _pdf_signatures(attachment: model.Attachment) -> list[dict[str, object]]:
    """The PDF's signatures as the platform's validator reports them (empty if none or no PDF)."""
    if not attachment.data.startswith(b"%PDF"):
        return []
    config = signature_config()
    if config is None:
        return []
    try:
        reports = validate_pdf(attachment.data, config)
    except SigningError as error:
        return [{"verdict": "invalid", "reason": str(error)}]
    return [
        {
            "signer": report.signer_name,
            "organisation": report.organisation,
            "verdict": report.verdict.value,
            "reason": report.reason,
            "signing_time": report.signing_time.isoformat() if report.signing_time else None,
        }
        for report in reports
    ]


def _recall(envelope: Envelope, message: model.StatusMessage) -> ReceivedDocument:
    """A 13 from the issuer: the document it sent here waits for the clerk's 15 or 16."""
    _addressee(envelope.to_organ)
    received = ReceivedDocument.objects.filter(
        body__agency_code=envelope.to_organ,
        sender_organ=message.sender.organ_id,
        document_id=message.response_for.document_id,
    ).first()
    if received is None:
        raise unknown_document(message.response_for.document_id)
    _signature(envelope.body)
    with transaction.atomic(durable=True):
        RecallSeen.objects.create(consignment_id=envelope.consignment_id, received=received)
        ReceivedDocument.objects.filter(pk=received.pk).update(
            recall=RecallState.REQUESTED, recall_note=message.description[:2000]
        )
    received.refresh_from_db()
    return received


def _status(envelope: Envelope, message: model.StatusMessage) -> StatusEntry | ReceivedDocument:
    if message.code == model.StatusCode.RECALL_REQUESTED:
        return _recall(envelope, message)
    addressee = message.response_for.organ_id
    if envelope.to_organ != addressee:
        raise unknown_addressee(envelope.to_organ)
    _addressee(addressee)
    sent = (
        OutboundMessage.objects.filter(
            kind=MessageKind.DOCUMENT,
            from_organ=addressee,
            to_organ=message.sender.organ_id,
            document_id=message.response_for.document_id,
            recipient__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    if sent is None or sent.recipient_id is None:
        raise unknown_document(message.response_for.document_id)
    signed_by = _signature(envelope.body)[1]
    with transaction.atomic(durable=True):
        entry = StatusEntry.objects.create(
            recipient_id=sent.recipient_id,
            consignment_id=envelope.consignment_id,
            code=message.code.value,
            description=message.description[:2000],
            signed_by=signed_by,
            status_at=timezone.make_aware(message.timestamp)
            if timezone.is_naive(message.timestamp)
            else message.timestamp,
        )
    return entry


def _record_fault(envelope: Envelope, error: DomainError) -> None:
    logger.warning(
        "exchange: refused %s from %s to %s: %s",
        envelope.consignment_id,
        envelope.from_organ,
        envelope.to_organ,
        error.code,
    )
    try:
        with transaction.atomic():
            InboundFault.objects.create(
                consignment_id=str(envelope.consignment_id),
                from_organ=envelope.from_organ[:32],
                to_organ=envelope.to_organ[:32],
                code=str(error.code)[:40],
                message=error.message,
            )
    except Exception:
        logger.exception("exchange: could not record the fault")
