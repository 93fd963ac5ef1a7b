"""The received-documents queue in the REST API: list, refuse, register, and who is refused."""

from __future__ import annotations

from django.test import Client

from egov.conftest import login
from egov.office.documents.models import IncomingDocument, Relation
from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafting_fixture  # noqa: F401
from egov.office.exchange import intake
from egov.office.exchange.messages import outgoing_document_id
from egov.office.exchange.models import OutboundMessage, ReceivedDocument, ReceivedState
from egov.office.exchange.tests.delivery_fixtures import (
    LONG_AN,
    issued_to,
    pump,
    replaced_at_long_an,
)

API = "/api/v1/office/exchange/received"


def test_the_clerk_lists_refuses_badly_then_registers(drafting: Drafting) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    pump()
    client = login(Client(), d.long_an_clerk)
    [item] = client.get(API).json()
    assert (item["notation"], item["state"], item["sender_organ"]) == (
        document.notation,
        "waiting",
        "000.00.00.H53",
    )
    assert [a["content_type"] for a in item["attachments"]] == ["application/pdf"]
    answer = client.post(
        f"{API}/{item['id']}/refuse", {"reason": " "}, content_type="application/json"
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "exchange_reason_required")
    answer = client.post(f"{API}/{item['id']}/register", {}, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["state"] == "registered"
    assert answer.json()["incoming_id"] == IncomingDocument.objects.get(body=d.office.long_an).pk
    again = client.post(f"{API}/{item['id']}/register", {}, content_type="application/json")
    assert (again.status_code, again.json()["code"]) == (409, "exchange_already_handled")
    assert again.json()["message"] == "Văn bản này không còn chờ vào sổ (đã vào sổ)."


def test_someone_of_another_unit_sees_nothing_and_changes_nothing(drafting: Drafting) -> None:
    d = drafting
    issued_to(d, LONG_AN)
    pump()
    received = ReceivedDocument.objects.get()
    messages = OutboundMessage.objects.count()
    client = login(Client(), d.cast.outsider)
    assert client.get(API).json() == []
    for action, body in (("register", {}), ("refuse", {"reason": "Không"})):
        answer = client.post(f"{API}/{received.pk}/{action}", body, content_type="application/json")
        assert (answer.status_code, answer.json()["code"]) == (404, "office_document_not_found")
    received.refresh_from_db()
    assert received.state == ReceivedState.WAITING
    assert OutboundMessage.objects.count() == messages


def test_the_change_fields_link_a_replacement_and_a_recall(drafting: Drafting) -> None:
    d = drafting
    document, replacement, earlier, later = replaced_at_long_an(d)
    client = login(Client(), d.long_an_clerk)
    items = {item["id"]: item for item in client.get(API).json()}
    fields = ("change", "changes_document_id", "changes_id", "changed_by_ids", "recall")
    assert tuple(items[later.pk][f] for f in fields) == (
        "replacement",
        outgoing_document_id(document),
        earlier.pk,
        [],
        "",
    )
    assert tuple(items[earlier.pk][f] for f in fields) == ("", "", None, [later.pk], "")

    recall = issued_to(d, LONG_AN, relation=Relation.RECALL, related=replacement)
    pump()
    revocation = ReceivedDocument.objects.get(notation=recall.notation)
    later.refresh_from_db()
    intake.answer_recall(actor=d.long_an_clerk, received=later, accept=False, note="Đang làm")
    items = {item["id"]: item for item in client.get(API).json()}
    assert tuple(items[revocation.pk][f] for f in fields) == (
        "revocation",
        outgoing_document_id(replacement),
        later.pk,
        [],
        "",
    )
    assert (
        items[later.pk]["changed_by_ids"],
        items[later.pk]["recall"],
        items[later.pk]["recall_note"],
    ) == ([revocation.pk], "refused", f"Thu hồi theo văn bản {recall.notation}: {recall.summary}")
