"""Recipients from the directory, the outbox in the issue's transaction, local delivery,
the receiving clerk's queue and the statuses back to the sender's timeline."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import (
    ExchangeStatus,
    IncomingDocument,
    OutgoingDocument,
    OutgoingRecipient,
    RecipientKind,
    Relation,
)
from egov.office.documents.services.handling import (
    Assignment,
    HolderAction,
    act_on_incoming,
    assign_incoming,
)
from egov.office.documents.tests.conftest import PDF, abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafted, drafting_fixture  # noqa: F401
from egov.office.exchange import intake
from egov.office.exchange.edxml import model
from egov.office.exchange.edxml.build import build_status
from egov.office.exchange.edxml.parse import parse_message
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.inbound import accept
from egov.office.exchange.messages import message_bytes
from egov.office.exchange.models import (
    InboundFault,
    MessageKind,
    OutboundMessage,
    OutsideAgency,
    RecallState,
    ReceivedDocument,
    ReceivedState,
    StatusEntry,
)
from egov.office.exchange.outbox import RETRY, send_pending
from egov.office.exchange.selectors import timelines
from egov.office.exchange.tests.delivery_fixtures import LONG_AN, issued_to, pump
from egov.office.exchange.transport.base import Envelope
from egov.office.statistics import figures
from egov.platform.core.errors import DomainError, InvalidInput
from egov.platform.notifications.models import Notification
from egov.platform.outbox.contract import DeliveryStatus

BTP = "000.00.00.G06"  # an outside agency, imported into the directory


@pytest.fixture
def outside(db: None) -> OutsideAgency:
    return OutsideAgency.objects.create(organ_id=BTP, name="Bộ Tư pháp")


def _codes(document: OutgoingDocument) -> list[str]:
    [line] = timelines(document)
    return [s.code for s in line.statuses]


def test_recipients_are_chosen_from_the_directory_by_identifier(
    drafting: Drafting, outside: OutsideAgency
) -> None:
    document = drafted(
        drafting,
        internal_units=[],
        external_names=["Báo Tây Ninh"],
        exchange_agencies=[BTP, LONG_AN],
    )
    rows = list(
        OutgoingRecipient.objects.filter(document=document)
        .order_by("pk")
        .values_list("kind", "organ_id", "name")
    )
    assert rows == [
        (RecipientKind.EXTERNAL, "", "Báo Tây Ninh"),
        (RecipientKind.EXCHANGE, BTP, "Bộ Tư pháp"),
        (RecipientKind.EXCHANGE, LONG_AN, "Phường Long An"),
    ]


def test_an_identifier_not_in_the_directory_is_refused_and_nothing_is_written(
    drafting: Drafting,
) -> None:
    before = OutgoingDocument.objects.count()
    with pytest.raises(InvalidInput) as caught:
        drafted(drafting, internal_units=[], external_names=[], exchange_agencies=["000.99.99.H99"])
    assert caught.value.code == OfficeError.RECIPIENT_INVALID
    assert caught.value.message == (
        "Không có cơ quan mã định danh 000.99.99.H99 trong danh bạ liên thông."
    )
    assert OutgoingDocument.objects.count() == before


def test_issuing_queues_one_message_per_agency_in_the_same_transaction(
    drafting: Drafting, outside: OutsideAgency
) -> None:
    document = issued_to(drafting, BTP, LONG_AN)
    rows = list(
        OutboundMessage.objects.order_by("pk").values_list(
            "kind", "from_organ", "to_organ", "status", "attempts"
        )
    )
    assert rows == [
        (MessageKind.DOCUMENT, "000.00.00.H53", BTP, DeliveryStatus.PENDING, 0),
        (MessageKind.DOCUMENT, "000.00.00.H53", LONG_AN, DeliveryStatus.PENDING, 0),
    ]
    assert set(document.recipients.values_list("exchange_status", flat=True)) == {
        ExchangeStatus.PENDING
    }
    message = parse_message(message_bytes(OutboundMessage.objects.get(to_organ=LONG_AN)))
    assert isinstance(message, model.DocumentMessage)
    assert message.document_id == f"000.00.00.H53,{document.issued_on:%Y/%m/%d},{document.notation}"
    assert message.subject == document.summary
    assert [a.data for a in message.attachments] == [PDF]


def test_a_local_agency_receives_it_and_the_statuses_come_back_in_order(
    drafting: Drafting,
) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    pump()
    received = ReceivedDocument.objects.get()
    assert (received.body, received.state, received.sender_organ, received.notation) == (
        d.office.long_an,
        ReceivedState.WAITING,
        "000.00.00.H53",
        document.notation,
    )
    assert [a.file.read() for a in received.attachments.all()] == [PDF]
    assert _codes(document) == ["01"]
    assert document.recipients.get().exchange_status == ExchangeStatus.SENT

    incoming = intake.register_received(actor=d.long_an_clerk, received=received)
    assert incoming.channel == "electronic"
    assert incoming.sender == "Tỉnh Tây Ninh"
    assign_incoming(
        actor=d.long_an_leader,
        document=incoming,
        assignment=Assignment(lead_user=d.cast.specialist),
    )
    act_on_incoming(actor=d.cast.specialist, document=incoming, action=HolderAction.RECEIVE)
    act_on_incoming(actor=d.cast.specialist, document=incoming, action=HolderAction.RECEIVE)
    act_on_incoming(actor=d.cast.specialist, document=incoming, action=HolderAction.COMPLETE)
    pump()
    assert _codes(document) == ["01", "03", "04", "05", "06"]
    assert StatusEntry.objects.get(code="03").description == (
        f"Đã vào sổ văn bản đến, số đến {incoming.arrival_number}"
    )


def test_a_refusal_sends_02_with_the_reason(drafting: Drafting) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    pump()
    received = ReceivedDocument.objects.get()
    with pytest.raises(InvalidInput) as caught:
        intake.refuse_received(actor=d.long_an_clerk, received=received, reason="  ")
    assert caught.value.code == ExchangeError.REASON_REQUIRED
    intake.refuse_received(
        actor=d.long_an_clerk, received=received, reason="Gửi nhầm cơ quan, không thuộc thẩm quyền"
    )
    pump()
    [line] = timelines(document)
    assert [(s.code, s.description) for s in line.statuses] == [
        ("01", "Đã đến"),
        ("02", "Gửi nhầm cơ quan, không thuộc thẩm quyền"),
    ]
    assert IncomingDocument.objects.filter(body=d.office.long_an).count() == 0


def test_only_the_receiving_clerk_registers_and_nothing_changes_otherwise(
    drafting: Drafting,
) -> None:
    d = drafting
    issued_to(d, LONG_AN)
    pump()
    received = ReceivedDocument.objects.get()
    statuses = OutboundMessage.objects.count()
    for actor in (d.cast.specialist, d.cast.outsider, d.long_an_leader):
        with pytest.raises(DomainError) as caught:
            intake.register_received(actor=actor, received=received)
        assert caught.value.code == OfficeError.PERMISSION_DENIED
        with pytest.raises(DomainError):
            intake.refuse_received(actor=actor, received=received, reason="Không")
    received.refresh_from_db()
    assert received.state == ReceivedState.WAITING
    assert OutboundMessage.objects.count() == statuses
    assert IncomingDocument.objects.filter(body=d.office.long_an).count() == 0


def test_a_second_copy_is_dropped_as_a_duplicate(drafting: Drafting) -> None:
    issued_to(drafting, LONG_AN)
    row = OutboundMessage.objects.get()
    envelope = Envelope(
        consignment_id=row.consignment_id,
        from_organ=row.from_organ,
        to_organ=row.to_organ,
        kind=row.kind,
        body=message_bytes(row),
    )
    accept(envelope)
    with pytest.raises(DomainError) as caught:
        accept(envelope)
    assert caught.value.code == ExchangeError.DUPLICATE
    assert ReceivedDocument.objects.count() == 1
    # The outbox's own send after that (its answer had been lost) counts as delivered.
    send_pending()
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    assert ReceivedDocument.objects.count() == 1


def _status(document_id: str, *, sender: str = LONG_AN, to: str = "000.00.00.H53") -> Envelope:
    body = build_status(
        model.StatusMessage(
            sender=model.Organ(organ_id=sender),
            response_for=model.ResponseFor(organ_id=to, document_id=document_id),
            code=model.StatusCode.ACCEPTED,
            description="Đã vào sổ",
            # edXML timestamps are Vietnam wall-clock times without a zone.
            timestamp=datetime.datetime(2026, 3, 4, 9, 0, 0),  # noqa: DTZ001
        )
    )
    return Envelope(
        consignment_id=uuid.uuid4(), from_organ=sender, to_organ=to, kind="status", body=body
    )


def test_a_status_for_a_document_never_sent_is_refused_with_a_fault(
    drafting: Drafting,
) -> None:
    with pytest.raises(DomainError) as caught:
        accept(_status("000.00.00.H53,2026/03/04,99/QĐ-UBND"))
    assert caught.value.code == ExchangeError.UNKNOWN_DOCUMENT
    assert caught.value.message == (
        "Trạng thái cho văn bản «000.00.00.H53,2026/03/04,99/QĐ-UBND» chưa từng được gửi "
        "tới cơ quan này."
    )
    assert list(InboundFault.objects.values_list("code", "from_organ")) == [
        (ExchangeError.UNKNOWN_DOCUMENT, LONG_AN)
    ]
    assert StatusEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"version": "QCVN102:2012"}, ExchangeError.UNSUPPORTED_VERSION),
        ({"to_organ": "000.99.99.H99"}, ExchangeError.UNKNOWN_ADDRESSEE),
        ({"body": b"<edXML"}, ExchangeError.NOT_WELL_FORMED),
    ],
)
def test_bad_messages_are_refused_with_explicit_faults_and_change_nothing(
    drafting: Drafting, changes: dict[str, object], code: str
) -> None:
    issued_to(drafting, LONG_AN)
    row = OutboundMessage.objects.get()
    values: dict[str, object] = {
        "consignment_id": uuid.uuid4(),
        "from_organ": row.from_organ,
        "to_organ": row.to_organ,
        "kind": row.kind,
        "body": message_bytes(row),
        **changes,
    }
    with pytest.raises(DomainError) as caught:
        accept(Envelope(**values))  # type: ignore[arg-type]
    assert caught.value.code == code
    assert ReceivedDocument.objects.count() == 0
    assert OutboundMessage.objects.count() == 1
    assert list(InboundFault.objects.values_list("code", flat=True)) == [code]


def test_too_large_is_refused(drafting: Drafting, settings: object) -> None:
    settings.EXCHANGE_MAX_MESSAGE_MB = 0  # type: ignore[attr-defined]
    issued_to(drafting, LONG_AN)
    row = OutboundMessage.objects.get()
    with pytest.raises(DomainError) as caught:
        accept(
            Envelope(
                consignment_id=uuid.uuid4(),
                from_organ=row.from_organ,
                to_organ=row.to_organ,
                kind=row.kind,
                body=message_bytes(row),
            )
        )
    assert caught.value.code == ExchangeError.TOO_LARGE
    assert ReceivedDocument.objects.count() == 0


def test_without_a_hub_an_outside_agency_waits_then_the_clerk_is_told(
    drafting: Drafting, outside: OutsideAgency, settings: object
) -> None:
    settings.EXCHANGE_HUB_URL = ""  # type: ignore[attr-defined]
    document = issued_to(drafting, BTP)
    report = send_pending()
    row = OutboundMessage.objects.get()
    assert (report.sent, report.retried, report.gave_up) == (0, 1, 0)
    assert (row.status, row.attempts, row.fault_code) == (
        DeliveryStatus.PENDING,
        1,
        ExchangeError.NO_ROUTE,
    )
    # The last allowed attempt fails too: given up, the recipient failed, the clerk told.
    OutboundMessage.objects.filter(pk=row.pk).update(attempts=RETRY.max_attempts - 1)
    pump()
    row.refresh_from_db()
    assert row.status == DeliveryStatus.GAVE_UP
    assert document.recipients.get().exchange_status == ExchangeStatus.FAILED
    [note] = Notification.objects.filter(
        recipient=drafting.cast.clerk, title__contains="liên thông"
    )
    assert note.title == "Gửi liên thông không thành công: Bộ Tư pháp"
    assert note.link == f"/van-ban/di/{document.pk}/"


def test_a_document_sent_through_the_exchange_counts_as_electronic(
    drafting: Drafting, outside: OutsideAgency
) -> None:
    issued_to(drafting, BTP)  # electronic, even while its message waits to leave
    issued_to(drafting, LONG_AN, external_names=["Báo Tây Ninh"])  # one copy goes by post
    today = timezone.localdate()
    report = figures.report(
        scope=drafting.office.province, date_from=today, date_to=today, now=timezone.now()
    )
    outgoing = report.outgoing
    assert (outgoing.issued, outgoing.electronic, outgoing.paper) == (2, 1, 1)


def test_a_recall_reaches_the_receiver_who_accepts_it_and_15_comes_back(
    drafting: Drafting,
) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    pump()
    received = ReceivedDocument.objects.get()
    intake.register_received(actor=d.long_an_clerk, received=received)
    recall = issued_to(d, LONG_AN, relation=Relation.RECALL, related=document)
    pump()
    received.refresh_from_db()
    assert received.recall == RecallState.REQUESTED
    assert received.recall_note == f"Thu hồi theo văn bản {recall.notation}: {recall.summary}"
    with pytest.raises(InvalidInput) as caught:
        intake.answer_recall(actor=d.long_an_clerk, received=received, accept=False)
    assert caught.value.code == ExchangeError.REASON_REQUIRED
    intake.answer_recall(actor=d.long_an_clerk, received=received, accept=True)
    with pytest.raises(DomainError) as again:
        intake.answer_recall(actor=d.long_an_clerk, received=received, accept=True)
    assert again.value.code == ExchangeError.ALREADY_HANDLED
    pump()
    assert _codes(document) == ["01", "03", "15"]
    # The recall document itself arrived too, as a document of its own.
    assert ReceivedDocument.objects.filter(notation=recall.notation).count() == 1


def test_a_refused_recall_sends_16_with_the_reason(drafting: Drafting) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    pump()
    issued_to(d, LONG_AN, relation=Relation.RECALL, related=document)
    pump()
    received = ReceivedDocument.objects.get(notation=document.notation)
    intake.answer_recall(
        actor=d.long_an_clerk, received=received, accept=False, note="Văn bản đã được thực hiện"
    )
    pump()
    [line] = timelines(document)
    assert [(s.code, s.description) for s in line.statuses] == [
        ("01", "Đã đến"),
        ("16", "Văn bản đã được thực hiện"),
    ]
