"""The clerk's side of a received document: register it (status 03) or refuse it (02).

A document received through the exchange waits in the body's queue
(inbound.py) until the clerk of the body registers it, which makes it an
incoming document of the register like any other (Decree 30/2020/NĐ-CP
art. 22: one series for paper and electronic), with the document office's
duplicate warning, or refuses it with a reason. The status goes back to the
sender in the same transaction (outbox.queue_status).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.office.documents.errors import OfficeError
from egov.office.documents.files import checked_pdf
from egov.office.documents.models import (
    ActionKind,
    Channel,
    DocumentType,
    IncomingAttachment,
    IncomingDocument,
)
from egov.office.documents.services.common import history
from egov.office.documents.services.handling import withdraw_incoming
from egov.office.documents.services.incoming import Arrival, duplicates, receive_issued
from egov.office.exchange.edxml.model import StatusCode
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.models import Change, RecallState, ReceivedDocument, ReceivedState
from egov.office.exchange.outbox import queue_status
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied


def _as_clerk(actor: User, received: ReceivedDocument) -> None:
    if not has_role_over(actor, received.body, [Role.CLERK]):
        raise PermissionDenied(
            OfficeError.PERMISSION_DENIED,
            _("Chỉ văn thư của cơ quan nhận mới được vào sổ hoặc từ chối văn bản này."),
        )


def _waiting(received: ReceivedDocument) -> ReceivedDocument:
    if received.state != ReceivedState.WAITING:
        raise Conflict(
            ExchangeError.ALREADY_HANDLED,
            _("Văn bản này không còn chờ vào sổ (%(state)s).")
            % {"state": received.get_state_display().lower()},
        )
    return received


def _locked_waiting(received: ReceivedDocument) -> ReceivedDocument:
    return _waiting(
        ReceivedDocument.objects.select_for_update(of=("self",))
        .select_related("body")
        .get(pk=received.pk)
    )


def document_type_of(received: ReceivedDocument) -> DocumentType | None:
    name = received.type_name.strip()
    if not name:
        return None
    return (
        DocumentType.objects.filter(is_active=True, name__iexact=name).order_by("pk").first()
        or DocumentType.objects.filter(is_active=True, abbreviation__iexact=name)
        .order_by("pk")
        .first()
    )


def register_received(
    *,
    actor: User,
    received: ReceivedDocument,
    document_type: DocumentType | None = None,
    leader: User | None = None,
    confirm_duplicate: bool = False,
) -> IncomingDocument:
    """Enter the received document in the incoming register; status 03 goes back."""
    _as_clerk(actor, received)
    # Before the duplicate warning: a document registered already is that, not a duplicate.
    _waiting(received)
    kind = document_type or document_type_of(received)
    if kind is None:
        raise InvalidInput(
            OfficeError.INVALID_FIELD,
            _("Chọn loại văn bản: «%(name)s» không có trong danh mục.")
            % {"name": received.type_name},
        )
    files = list(received.attachments.order_by("pk"))
    pdfs = [
        a for a in files if a.content_type == "application/pdf" or a.name.lower().endswith(".pdf")
    ]
    if not pdfs:
        raise InvalidInput(
            OfficeError.FILE_REQUIRED, _("Văn bản nhận được không có tệp PDF để vào sổ.")
        )
    uploads = []
    for attachment in [pdfs[0], *[a for a in files if a.pk != pdfs[0].pk]]:
        with attachment.file.open("rb") as handle:
            uploads.append(
                SimpleUploadedFile(attachment.name, handle.read(), attachment.content_type)
            )
    main = checked_pdf(uploads[0])
    same = list(
        duplicates(
            received.body,
            sender=received.sender_name,
            notation=received.notation,
            issued_on=received.issued_on,
        ).values_list("arrival_number", flat=True)
    )
    if same and not confirm_duplicate:
        raise Conflict(
            OfficeError.POSSIBLE_DUPLICATE,
            _(
                "Văn bản này có thể đã được vào sổ (cùng cơ quan ban hành, số, ký hiệu và ngày): "
                "số đến %(numbers)s. Kiểm tra lại và xác nhận nếu vẫn vào sổ."
            )
            % {"numbers": ", ".join(str(n) for n in same)},
        )
    stored: list[IncomingAttachment | IncomingDocument] = []
    try:
        with transaction.atomic(durable=True):
            received = _locked_waiting(received)
            incoming = receive_issued(
                clerk=actor,
                body=received.body,
                arrival=Arrival(
                    channel=Channel.ELECTRONIC,
                    arrived_at=received.received_at,
                    sender=received.sender_name,
                    notation=received.notation,
                    issued_on=received.issued_on,
                    document_type=kind,
                    summary=received.summary,
                ),
                file=main,
                attachments=uploads[1:],
                leader=leader,
                stored=stored,
            )
            received.state = ReceivedState.REGISTERED
            received.incoming = incoming
            received.handled_at = timezone.now()
            received.save(update_fields=["state", "incoming", "handled_at"])
            queue_status(
                received,
                StatusCode.ACCEPTED,
                f"Đã vào sổ văn bản đến, số đến {incoming.arrival_number}",
            )
            record_event(
                event_type="exchange.document_registered",
                actor=actor,
                target=received,
                unit=received.body,
                details={"incoming": incoming.pk, "arrival_number": incoming.arrival_number},
            )
            _apply_change(actor, received, incoming)
    except BaseException:
        for row in stored:
            if row.file.name:
                row.file.storage.delete(row.file.name)
        raise
    return incoming


def refuse_received(*, actor: User, received: ReceivedDocument, reason: str) -> ReceivedDocument:
    """Refuse the received document with a reason; status 02 carries it to the sender."""
    _as_clerk(actor, received)
    text = " ".join(reason.split())[:2000]
    if not text:
        raise InvalidInput(ExchangeError.REASON_REQUIRED, _("Cần nêu lý do từ chối văn bản."))
    with transaction.atomic(durable=True):
        received = _locked_waiting(received)
        received.state = ReceivedState.REFUSED
        received.refused_reason = text
        received.handled_at = timezone.now()
        received.save(update_fields=["state", "refused_reason", "handled_at"])
        queue_status(received, StatusCode.REFUSED, text)
        record_event(
            event_type="exchange.document_refused",
            actor=actor,
            target=received,
            unit=received.body,
            details={"reason": text[:200]},
        )
    return received


def answer_recall(
    *, actor: User, received: ReceivedDocument, accept: bool, note: str = ""
) -> ReceivedDocument:
    """The answer to the sender's recall (13): accepted (15) or refused with a reason (16)."""
    _as_clerk(actor, received)
    text = " ".join(note.split())[:2000]
    if not accept and not text:
        raise InvalidInput(ExchangeError.REASON_REQUIRED, _("Cần nêu lý do từ chối thu hồi."))
    with transaction.atomic(durable=True):
        received = (
            ReceivedDocument.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=received.pk)
        )
        if received.recall != RecallState.REQUESTED:
            raise Conflict(
                ExchangeError.ALREADY_HANDLED,
                _("Không có đề nghị thu hồi nào đang chờ trả lời cho văn bản này."),
            )
        received.recall = RecallState.ACCEPTED if accept else RecallState.REFUSED
        received.save(update_fields=["recall"])
        if accept:
            _withdraw(
                actor,
                received,
                _("Bên gửi thu hồi văn bản: %(note)s") % {"note": received.recall_note},
            )
        code = StatusCode.RECALL_ACCEPTED if accept else StatusCode.RECALL_REFUSED
        queue_status(received, code, text or "Đồng ý thu hồi")
        record_event(
            event_type="exchange.recall_answered",
            actor=actor,
            target=received,
            unit=received.body,
            details={"accepted": accept, "note": text[:200]},
        )
    return received


def _withdraw(actor: User, received: ReceivedDocument, note: str) -> None:
    """The received document ends here: out of the queue, or its incoming document withdrawn."""
    if received.state == ReceivedState.WAITING:
        received.state = ReceivedState.WITHDRAWN
        received.handled_at = timezone.now()
        received.save(update_fields=["state", "handled_at"])
    elif received.incoming is not None:
        withdraw_incoming(actor=actor, document=received.incoming, note=note)
    record_event(
        event_type="exchange.document_withdrawn",
        actor=actor,
        target=received,
        unit=received.body,
        details={"state": received.state, "incoming": received.incoming_id, "note": note[:200]},
    )


def _apply_change(actor: User, received: ReceivedDocument, incoming: IncomingDocument) -> None:
    """Registering an update or replacement applies it to the document it names, if here.

    A replacement withdraws the replaced document (its holders are closed); an
    update leaves the corrected one in force with a line in its history. Either
    way status 15 (change accepted) goes back about the earlier document.
    """
    if received.change not in (Change.UPDATE, Change.REPLACEMENT) or received.changes_id is None:
        return
    earlier = (
        ReceivedDocument.objects.select_for_update(of=("self",))
        .select_related("body", "incoming")
        .get(pk=received.changes_id)
    )
    note = _("%(change)s bằng văn bản %(notation)s, số đến %(number)s") % {
        "change": "Được thay thế" if received.change == Change.REPLACEMENT else "Được đính chính",
        "notation": received.notation,
        "number": incoming.arrival_number,
    }
    if received.change == Change.REPLACEMENT:
        _withdraw(actor, earlier, note)
    elif earlier.incoming is not None:
        history(earlier.incoming, actor, ActionKind.UPDATED, note=note)
    queue_status(earlier, StatusCode.RECALL_ACCEPTED, note)
