"""What the exchange does when the document office changes (egov.platform.core.events).

All run inside the office's transaction (Moment.IN_TRANSACTION): the outbox
rows commit or roll back with the change, so an issue never loses or doubles
a message, and a status is never sent for a step that rolled back.
"""

from __future__ import annotations

from egov.office.documents.events import IncomingAssigned, IncomingHandled, OutgoingIssued
from egov.office.documents.models import Relation
from egov.office.exchange.edxml.model import StatusCode
from egov.office.exchange.models import ReceivedDocument
from egov.office.exchange.outbox import queue_documents, queue_recalls, queue_status
from egov.platform.core.events import Moment, subscribe


def on_issued(event: OutgoingIssued) -> None:
    queue_documents(event.document)
    if event.document.relation == Relation.RECALL:
        queue_recalls(event.document)


def _source(document_pk: int) -> ReceivedDocument | None:
    return (
        ReceivedDocument.objects.select_for_update(of=("self",))
        .select_related("body")
        .filter(incoming_id=document_pk)
        .first()
    )


def on_assigned(event: IncomingAssigned) -> None:
    received = _source(event.document.pk)
    if received is not None:
        queue_status(received, StatusCode.ASSIGNED, "Đã phân công xử lý")


def on_handled(event: IncomingHandled) -> None:
    received = _source(event.document.pk)
    if received is None:
        return
    if event.completed:
        queue_status(received, StatusCode.COMPLETED, "Đã hoàn thành xử lý")
    elif not received.status_messages.filter(status_code=StatusCode.PROCESSING).exists():
        # 05 once: the first time the lead begins; later receipts add nothing.
        queue_status(received, StatusCode.PROCESSING, "Đang xử lý")


def connect() -> None:
    subscribe(OutgoingIssued, on_issued, moment=Moment.IN_TRANSACTION)
    subscribe(IncomingAssigned, on_assigned, moment=Moment.IN_TRANSACTION)
    subscribe(IncomingHandled, on_handled, moment=Moment.IN_TRANSACTION)
