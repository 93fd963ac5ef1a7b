"""The exchange's outbox: messages queued in the change's transaction, sent by the worker.

- `queue_documents(document)`: one message per directory recipient, written in
  the issue's transaction (subscribers.py, on OutgoingIssued).
- `queue_status(received, code, description)`: a status about a received
  document back to its sender (01 on arrival, 02 ... 06 from the clerk's and
  handlers' steps), in the transaction of that step.

The lease, retries and give-up are the platform outbox's
(egov/platform/outbox). What is the exchange's: messages of one stream (the
statuses about one document to one agency) leave in sequence order, the next
only once the one before is sent; a Fault from the receiver or the hub is
final (GiveUp) except `exchange_duplicate`, which means delivered. Retries
wait 30 s, 1, 2, 4 ... at most 60 min; the 20th failed attempt gives up, marks
the recipient failed and tells the clerk who issued the document.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.office.documents.models import (
    ExchangeStatus,
    OutgoingDocument,
    OutgoingRecipient,
    RecipientKind,
)
from egov.office.exchange.messages import message_bytes, outgoing_document_id
from egov.office.exchange.models import (
    MessageKind,
    OutboundMessage,
    ReceivedDocument,
)
from egov.office.exchange.transport import NoRoute, route
from egov.office.exchange.transport.base import Envelope, Fault, Transport
from egov.office.exchange.transport.http import HubClient
from egov.platform.accounts.models import User
from egov.platform.notifications.models import NotificationKind
from egov.platform.notifications.services import Message, notify
from egov.platform.outbox.contract import DeliveryStatus, GiveUp, Outbox, Retry, Send
from egov.platform.outbox.drain import DrainReport, drain

logger = logging.getLogger(__name__)

RETRY = Retry(first=timedelta(seconds=30), cap=timedelta(hours=1), max_attempts=20)
# Longer than one HTTP exchange with a large attachment.
LEASE = timedelta(minutes=5)


# ---------------------------------------------------------------- queueing


def queue_documents(document: OutgoingDocument) -> list[OutboundMessage]:
    """One message per exchange recipient of the issued `document`; in its transaction."""
    organ = document.body.agency_code or ""
    document_id = outgoing_document_id(document)
    rows = [
        OutboundMessage(
            kind=MessageKind.DOCUMENT,
            from_organ=organ,
            to_organ=recipient.organ_id,
            document_id=document_id,
            recipient=recipient,
            stream=f"document|{organ}|{recipient.organ_id}|{document_id}",
            sequence=1,
        )
        for recipient in document.recipients.filter(kind=RecipientKind.EXCHANGE).order_by("pk")
    ]
    return OutboundMessage.objects.bulk_create(rows)


def queue_status(received: ReceivedDocument, code: str, description: str = "") -> OutboundMessage:
    """A status about `received` to its sender, after the ones queued before it.

    Callers hold the received document's row (or just created it), so two
    statuses of one document never take the same sequence number.
    """
    organ = received.body.agency_code or ""
    stream = f"status|{organ}|{received.sender_organ}|{received.document_id}"
    last = OutboundMessage.objects.filter(stream=stream).aggregate(last=Max("sequence"))["last"]
    return OutboundMessage.objects.create(
        kind=MessageKind.STATUS,
        from_organ=organ,
        to_organ=received.sender_organ,
        document_id=received.document_id,
        received=received,
        status_code=code,
        description=description[:2000],
        status_at=timezone.now(),
        stream=stream,
        sequence=(last or 0) + 1,
    )


def queue_recalls(recall: OutgoingDocument) -> list[OutboundMessage]:
    """Status 13 about the recalled document to each agency it reached, in the issue."""
    related = recall.related
    if related is None or related.issued_on is None:
        return []
    organ = related.body.agency_code or ""
    document_id = outgoing_document_id(related)
    rows = []
    for recipient in related.recipients.filter(kind=RecipientKind.EXCHANGE).order_by("pk"):
        stream = f"recall|{organ}|{recipient.organ_id}|{document_id}"
        last = OutboundMessage.objects.filter(stream=stream).aggregate(last=Max("sequence"))
        rows.append(
            OutboundMessage.objects.create(
                kind=MessageKind.STATUS,
                from_organ=organ,
                to_organ=recipient.organ_id,
                document_id=document_id,
                status_code="13",
                description=(f"Thu hồi theo văn bản {recall.notation}: {recall.summary}")[:2000],
                status_at=timezone.now(),
                stream=stream,
                sequence=(last["last"] or 0) + 1,
            )
        )
    return rows


# ---------------------------------------------------------------- sending


def _first_of_each_stream(due: QuerySet[OutboundMessage]) -> QuerySet[OutboundMessage]:
    earlier_unsent = OutboundMessage.objects.filter(
        stream=OuterRef("stream"), sequence__lt=OuterRef("sequence")
    ).exclude(status=DeliveryStatus.SENT)
    return due.exclude(Exists(earlier_unsent))


def envelope_of(row: OutboundMessage) -> Envelope:
    return Envelope(
        consignment_id=row.consignment_id,
        from_organ=row.from_organ,
        to_organ=row.to_organ,
        kind=row.kind,
        body=message_bytes(row),
    )


def _send(hub: Transport | None, row: OutboundMessage) -> None:
    try:
        transport = route(row.to_organ, hub=hub)
    except NoRoute as error:
        OutboundMessage.objects.filter(pk=row.pk).update(fault_code="exchange_no_route")
        raise RuntimeError(str(error)) from error
    try:
        transport.send(envelope_of(row))
    except Fault as fault:
        # Final: a retry would get the same answer. The page shows the code.
        OutboundMessage.objects.filter(pk=row.pk).update(fault_code=fault.code[:40])
        raise GiveUp(str(fault)) from fault
    if row.recipient_id is not None:
        OutgoingRecipient.objects.filter(pk=row.recipient_id).update(
            exchange_status=ExchangeStatus.SENT
        )


@contextmanager
def _connect() -> Iterator[Send[OutboundMessage]]:
    with requests.Session() as session:
        hub = HubClient(session) if settings.EXCHANGE_HUB_URL else None
        yield lambda row: _send(hub, row)


MESSAGES: Outbox[OutboundMessage] = Outbox(
    name="exchange",
    model=OutboundMessage,
    connect=_connect,
    retry=RETRY,
    lease=LEASE,
    due=_first_of_each_stream,
    describe=lambda row: f"exchange {row.kind} {row.consignment_id} → {row.to_organ}",
)


def send_pending(limit: int = 100) -> DrainReport:
    """Send up to `limit` due messages, then tell the clerks about the ones given up."""
    sent = retried = gave_up = 0
    while sent + retried + gave_up < limit:
        report = drain(MESSAGES, limit=limit - sent - retried - gave_up)
        sent, retried, gave_up = (
            sent + report.sent,
            retried + report.retried,
            gave_up + report.gave_up,
        )
        # The next of a stream becomes due once its predecessor is sent.
        if report.sent == 0:
            break
    tell_given_up()
    return DrainReport(sent=sent, retried=retried, gave_up=gave_up)


def tell_given_up() -> int:
    """Mark the recipients of given-up documents failed and tell their clerks, once each."""
    told = 0
    for row in OutboundMessage.objects.filter(
        status=DeliveryStatus.GAVE_UP, notified_at__isnull=True
    ).select_related("recipient__document", "received__incoming")[:100]:
        with transaction.atomic(durable=True):
            if (
                OutboundMessage.objects.filter(pk=row.pk, notified_at__isnull=True).update(
                    notified_at=timezone.now()
                )
                != 1
            ):
                continue
            _tell(row)
            told += 1
    return told


def _tell(row: OutboundMessage) -> None:
    clerk: User | None = None
    link = ""
    if row.recipient is not None:
        OutgoingRecipient.objects.filter(pk=row.recipient.pk).update(
            exchange_status=ExchangeStatus.FAILED
        )
        document = row.recipient.document
        clerk = document.issued_by
        link = f"/van-ban/di/{document.pk}/"
        title = _("Gửi liên thông không thành công: %(agency)s") % {"agency": row.recipient.name}
        subject = document.notation
    else:
        received = row.received
        clerk = received.incoming.registered_by if received and received.incoming else None
        title = _("Gửi trạng thái văn bản không thành công")
        subject = received.notation if received else row.document_id
    logger.error("exchange %s given up: %s", row.consignment_id, row.last_error)
    if clerk is None:
        return
    body = _("%(subject)s: %(error)s") % {"subject": subject, "error": row.last_error[:300]}
    notify(
        kind=NotificationKind.OFFICE_DOCUMENT,
        recipient=clerk,
        address="",
        message=Message(title=title, body=body, email_body=body),
        dedupe_key=f"office:exchange:gave_up:{row.consignment_id}",
        link=link,
    )
