"""Recalls, replacements and corrections across agencies, applied on the receiving side."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from egov.office.documents.models import (
    ActionKind,
    DocumentAction,
    Holder,
    HolderStatus,
    IncomingDocument,
    IncomingStatus,
    Relation,
)
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafting_fixture  # noqa: F401
from egov.office.exchange import intake
from egov.office.exchange.edxml import model
from egov.office.exchange.inbound import changed_document
from egov.office.exchange.messages import business_of, outgoing_document_id
from egov.office.exchange.models import Change, ReceivedDocument, ReceivedState
from egov.office.exchange.selectors import timelines
from egov.office.exchange.tests.delivery_fixtures import (
    LONG_AN,
    issued_to,
    pump,
    replaced_at_long_an,
)
from egov.platform.audit.models import AuditEvent


def _codes(document: object) -> list[str]:
    [line] = timelines(document)  # type: ignore[arg-type]
    return [s.code for s in line.statuses]


def _registered_and_assigned(d: Drafting) -> tuple[object, ReceivedDocument, IncomingDocument]:
    document = issued_to(d, LONG_AN)
    pump()
    received = ReceivedDocument.objects.get()
    incoming = intake.register_received(actor=d.long_an_clerk, received=received)
    assign_incoming(
        actor=d.long_an_leader,
        document=incoming,
        assignment=Assignment(lead_user=d.cast.specialist, coordinating_units=[]),
    )
    pump()
    received.refresh_from_db()
    return document, received, incoming


def test_accepting_a_recall_withdraws_the_incoming_document(drafting: Drafting) -> None:
    d = drafting
    document, received, incoming = _registered_and_assigned(d)
    assert Holder.objects.filter(document=incoming, status=HolderStatus.OPEN).count() == 1
    recall = issued_to(d, LONG_AN, relation=Relation.RECALL, related=document)
    pump()
    received.refresh_from_db()
    intake.answer_recall(actor=d.long_an_clerk, received=received, accept=True)
    pump()

    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.WITHDRAWN
    assert Holder.objects.filter(document=incoming, status=HolderStatus.OPEN).count() == 0
    [action] = DocumentAction.objects.filter(document=incoming, kind=ActionKind.WITHDRAWN)
    assert action.actor == d.long_an_clerk
    assert action.note == (
        f"Bên gửi thu hồi văn bản: Thu hồi theo văn bản {recall.notation}: {recall.summary}"
    )
    events = list(
        AuditEvent.objects.filter(
            event_type__in=["office.incoming_withdrawn", "exchange.document_withdrawn"]
        )
        .order_by("pk")
        .values_list("event_type", flat=True)
    )
    assert events == ["office.incoming_withdrawn", "exchange.document_withdrawn"]
    assert _codes(document) == ["01", "03", "04", "15"]
    # The recall document arrived as a revocation naming the recalled document.
    arrived = ReceivedDocument.objects.get(notation=recall.notation)
    assert (arrived.change, arrived.changes_id, arrived.changes_document_id) == (
        Change.REVOCATION,
        received.pk,
        outgoing_document_id(document),  # type: ignore[arg-type]
    )


def test_a_recall_accepted_before_registration_leaves_the_queue(drafting: Drafting) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    pump()
    issued_to(d, LONG_AN, relation=Relation.RECALL, related=document)
    pump()
    received = ReceivedDocument.objects.get(notation=document.notation)
    intake.answer_recall(actor=d.long_an_clerk, received=received, accept=True)
    received.refresh_from_db()
    assert (received.state, received.incoming_id) == (ReceivedState.WITHDRAWN, None)
    assert IncomingDocument.objects.count() == 0
    pump()
    assert _codes(document) == ["01", "15"]


def test_a_refused_recall_leaves_the_incoming_document_in_hand(drafting: Drafting) -> None:
    d = drafting
    document, received, incoming = _registered_and_assigned(d)
    issued_to(d, LONG_AN, relation=Relation.RECALL, related=document)
    pump()
    received.refresh_from_db()
    intake.answer_recall(
        actor=d.long_an_clerk, received=received, accept=False, note="Đang thực hiện"
    )
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.IN_PROGRESS
    assert Holder.objects.filter(document=incoming, status=HolderStatus.OPEN).count() == 1


def test_a_replacement_withdraws_the_replaced_document_when_registered(
    drafting: Drafting, client: Client
) -> None:
    d = drafting
    document, received, incoming = _registered_and_assigned(d)
    replacement = issued_to(d, LONG_AN, relation=Relation.REPLACE, related=document)
    pump()
    arrived = ReceivedDocument.objects.get(notation=replacement.notation)
    assert (arrived.change, arrived.changes_id) == (Change.REPLACEMENT, received.pk)
    # Nothing changes until the clerk registers the replacement.
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.IN_PROGRESS

    client.force_login(d.long_an_clerk, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("exchange:received", args=[arrived.pk])).content.decode()
    assert (
        f"Vào sổ văn bản này sẽ thu hồi văn bản bị thay thế (số đến {incoming.arrival_number}): "
        "những người đang xử lý văn bản đó sẽ không còn phải xử lý."
    ) in page
    new = intake.register_received(actor=d.long_an_clerk, received=arrived)
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.WITHDRAWN
    assert Holder.objects.filter(document=incoming, status=HolderStatus.OPEN).count() == 0
    note = f"Được thay thế bằng văn bản {replacement.notation}, số đến {new.arrival_number}"
    assert list(
        DocumentAction.objects.filter(document=incoming, kind=ActionKind.WITHDRAWN).values_list(
            "note", flat=True
        )
    ) == [note]
    pump()
    assert _codes(document) == ["01", "03", "04", "15"]
    assert _codes(replacement) == ["01", "03"]


def test_a_correction_arrives_as_an_update_and_keeps_the_original(drafting: Drafting) -> None:
    d = drafting
    document, received, incoming = _registered_and_assigned(d)
    correction = issued_to(d, LONG_AN, relation=Relation.CORRECT, related=document)
    pump()
    arrived = ReceivedDocument.objects.get(notation=correction.notation)
    assert (arrived.change, arrived.changes_id) == (Change.UPDATE, received.pk)
    new = intake.register_received(actor=d.long_an_clerk, received=arrived)

    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.IN_PROGRESS
    assert list(
        DocumentAction.objects.filter(document=incoming, kind=ActionKind.UPDATED).values_list(
            "note", flat=True
        )
    ) == [f"Được đính chính bằng văn bản {correction.notation}, số đến {new.arrival_number}"]
    pump()
    assert _codes(document) == ["01", "03", "04", "15"]


def test_the_business_part_names_the_changed_document(drafting: Drafting) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    replacement = issued_to(d, LONG_AN, relation=Relation.REPLACE, related=document)
    original_id = outgoing_document_id(document)
    business = business_of(replacement, LONG_AN)
    assert business.doc_type == model.BusinessDocType.REPLACEMENT
    assert business.replacements == (
        model.Replacement(document_id=original_id, organ_ids=(LONG_AN,)),
    )
    assert changed_document(business) == (Change.REPLACEMENT, original_id)
    assert changed_document(model.Business()) == (Change.NONE, "")
    # A revocation without the revoked document's id (as in a sample) links nothing.
    assert changed_document(model.Business(doc_type=model.BusinessDocType.REVOCATION)) == (
        Change.REVOCATION,
        "",
    )


def test_the_received_pages_link_the_replacement_and_the_replaced(
    drafting: Drafting, client: Client
) -> None:
    d = drafting
    document, replacement, earlier, later = replaced_at_long_an(d)
    client.force_login(d.long_an_clerk, backend="django.contrib.auth.backends.ModelBackend")

    page = client.get(reverse("exchange:received", args=[later.pk])).content.decode()
    assert (
        f'<dt>Thay thế văn bản</dt><dd id="changes"><a href="/van-ban/lien-thong/{earlier.pk}/">'
        f"{document.notation}</a></dd>"
    ) in page
    page = client.get(reverse("exchange:received", args=[earlier.pk])).content.decode()
    assert (
        f'<dt>Thay thế văn bản</dt><dd><a href="/van-ban/lien-thong/{later.pk}/">'
        f"{replacement.notation}</a> (chờ vào sổ)</dd>"
    ) in page
