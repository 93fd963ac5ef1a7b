"""Two agencies and the hub over real HTTP on 127.0.0.1 (pytest-django's live server).

Both agencies are units of the test deployment, but EXCHANGE_ROUTING="hub"
sends every message through the hub's HTTP endpoints with the real client,
and the receiving side fetches and acknowledges over HTTP as another
deployment would (one database here). The two-database runs, and issue 13's
delivery test of many documents through a failing hub, are in
test_two_deployments.py.
"""

from __future__ import annotations

import uuid
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
import requests

from egov.office.documents.models import ExchangeStatus, OutgoingDocument
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafting_fixture  # noqa: F401
from egov.office.exchange import intake
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.fetch import fetch_pending
from egov.office.exchange.hub.models import HubMessage
from egov.office.exchange.models import (
    OutboundMessage,
    ReceivedDocument,
)
from egov.office.exchange.outbox import envelope_of, send_pending
from egov.office.exchange.selectors import timelines
from egov.office.exchange.tests.delivery_fixtures import (
    LONG_AN,
    TAN_NINH,
    issued_to,
    pump,
)
from egov.office.exchange.tests.flaky_proxy import FlakyProxy
from egov.office.exchange.transport.base import Fault
from egov.office.exchange.transport.http import HubClient
from egov.platform.outbox.contract import DeliveryStatus

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "jeton-tinh-tay-ninh"


@pytest.fixture
def hub(live_server: Any, settings: Any) -> str:
    url = f"{live_server.url}/api/v1/exchange/hub"
    settings.EXCHANGE_ROUTING = "hub"
    settings.EXCHANGE_HUB_URL = url
    settings.EXCHANGE_HUB_TOKEN = TOKEN
    settings.EXCHANGE_HUB_CLIENTS = f"{TOKEN}=000.00.00.H53,{LONG_AN};other=000.00.00.G06"
    settings.EXCHANGE_HTTP_TIMEOUT = 5.0
    return url


def _codes(document: OutgoingDocument) -> list[str]:
    [line] = timelines(document)
    return [s.code for s in line.statuses]


def test_a_document_and_its_statuses_go_through_the_hub_over_http(
    hub: str, drafting: Drafting
) -> None:
    d = drafting
    document = issued_to(d, LONG_AN)
    pump(fetch=True)
    received = ReceivedDocument.objects.get()
    assert (received.body, received.notation) == (d.office.long_an, document.notation)
    incoming = intake.register_received(actor=d.long_an_clerk, received=received)
    assign_incoming(
        actor=d.long_an_leader,
        document=incoming,
        assignment=Assignment(lead_user=d.cast.specialist),
    )
    pump(fetch=True)
    assert _codes(document) == ["01", "03", "04"]
    # The hub took each message once and every one was acknowledged without a fault.
    assert list(HubMessage.objects.order_by("pk").values_list("kind", "to_organ", "answer")) == [
        ("document", LONG_AN, ""),
        ("status", "000.00.00.H53", ""),
        ("status", "000.00.00.H53", ""),
        ("status", "000.00.00.H53", ""),
    ]
    assert HubMessage.objects.filter(acknowledged_at__isnull=True).count() == 0
    assert document.recipients.get().exchange_status == ExchangeStatus.SENT


def test_a_second_submit_of_one_consignment_is_one_message_at_the_hub(
    hub: str, drafting: Drafting
) -> None:
    issued_to(drafting, LONG_AN)
    envelope = envelope_of(OutboundMessage.objects.get())
    with requests.Session() as session:
        client = HubClient(session)
        client.send(envelope)
        client.send(envelope)  # the answer to the first was lost: "duplicate" is success
        raw = session.post(
            f"{hub}/messages",
            data=envelope.body,
            headers={
                "Authorization": f"Bearer {TOKEN}",
                "X-Consignment-Id": str(envelope.consignment_id),
                "X-From-Organ": envelope.from_organ,
                "X-To-Organ": envelope.to_organ,
                "X-Message-Kind": envelope.kind,
                "X-Edxml-Version": envelope.version,
            },
            timeout=5,
        )
    assert raw.status_code == 409
    assert raw.json()["code"] == ExchangeError.DUPLICATE
    assert HubMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"X-Edxml-Version": "QCVN102:2012"}, 422, ExchangeError.UNSUPPORTED_VERSION),
        ({"X-To-Organ": "000.99.99.H99"}, 404, ExchangeError.UNKNOWN_ADDRESSEE),
        ({"X-From-Organ": "000.00.00.G06"}, 403, ExchangeError.NOT_ALLOWED),
        ({"Authorization": "Bearer sai"}, 403, ExchangeError.NOT_ALLOWED),
    ],
)
def test_the_hub_refuses_with_explicit_faults_and_keeps_nothing(
    hub: str, drafting: Drafting, change: dict[str, str], status: int, code: str
) -> None:
    issued_to(drafting, LONG_AN)
    envelope = envelope_of(OutboundMessage.objects.get())
    headers = {
        "Authorization": f"Bearer {TOKEN}",
        "X-Consignment-Id": str(uuid.uuid4()),
        "X-From-Organ": envelope.from_organ,
        "X-To-Organ": envelope.to_organ,
        "X-Message-Kind": envelope.kind,
        "X-Edxml-Version": envelope.version,
        **change,
    }
    response = requests.post(f"{hub}/messages", data=envelope.body, headers=headers, timeout=5)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert HubMessage.objects.count() == 0


def test_a_message_the_hub_refuses_for_good_is_given_up_and_shown_to_the_sender(
    hub: str, drafting: Drafting, client: Any
) -> None:
    d = drafting
    document = issued_to(d, TAN_NINH)  # no client deployment serves Phường Tân Ninh
    pump(fetch=True)
    row = OutboundMessage.objects.get()
    assert (row.status, row.attempts, row.fault_code) == (
        DeliveryStatus.GAVE_UP,
        1,
        ExchangeError.UNKNOWN_ADDRESSEE,
    )
    assert document.recipients.get().exchange_status == ExchangeStatus.FAILED
    client.force_login(d.cast.clerk, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/van-ban/di/{document.pk}/").content.decode()
    assert "Lỗi gửi (exchange_unknown_addressee) sau 1 lần thử:" in page
    assert "Không có cơ quan nhận mã định danh «000.02.30.H53»." in page


def test_the_hub_client_reads_a_fault(hub: str, drafting: Drafting) -> None:
    issued_to(drafting, TAN_NINH)
    with requests.Session() as session, pytest.raises(Fault) as caught:
        HubClient(session).send(envelope_of(OutboundMessage.objects.get()))
    assert caught.value.code == ExchangeError.UNKNOWN_ADDRESSEE


def test_the_receiver_asks_the_hub_once_for_all_its_agencies(
    hub: str, drafting: Drafting, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = drafting
    issued_to(d, LONG_AN)
    issued_to(d, LONG_AN)
    while send_pending(limit=50).sent:
        pass
    assert HubMessage.objects.filter(acknowledged_at__isnull=True).count() == 2
    calls: list[tuple[str, str]] = []
    real = requests.Session.request

    def counted(self: requests.Session, method: str, url: str, **kwargs: Any) -> Any:
        calls.append((method, url.removeprefix(hub)))
        return real(self, method, url, **kwargs)

    monkeypatch.setattr(requests.Session, "request", counted)
    report = fetch_pending(organs=["000.00.00.H53", LONG_AN, TAN_NINH])
    assert (report.accepted, report.refused, report.failed) == (2, 0, 0)
    acks = [
        f"/messages/{m}/ack"
        for m in HubMessage.objects.order_by("pk").values_list("consignment_id", flat=True)
    ]
    assert calls == [("POST", "/pending"), ("POST", acks[0]), ("POST", acks[1])]
    assert ReceivedDocument.objects.filter(body=d.office.long_an).count() == 2


class _OlderHub(FlakyProxy):
    """The hub as it was before `POST /pending`: Django's 404 there, the rest forwarded."""

    answer = b'{"detail": "Not Found"}'

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        if request.command == "POST" and request.path.endswith("/pending"):
            length = int(request.headers.get("Content-Length") or 0)
            request.rfile.read(length)
            self.counts["not_found"] += 1
            self._answer(request, 404, self.answer, "application/json")
            return
        super().handle(request)


def test_a_hub_without_the_pending_call_is_asked_agency_by_agency(
    hub: str, drafting: Drafting, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = drafting
    issued_to(d, LONG_AN)
    issued_to(d, LONG_AN)
    while send_pending(limit=50).sent:
        pass
    calls: list[tuple[str, str]] = []
    real = requests.Session.request

    def counted(self: requests.Session, method: str, url: str, **kwargs: Any) -> Any:
        calls.append((method, url.split("/api/v1/exchange/hub", 1)[1]))
        return real(self, method, url, **kwargs)

    monkeypatch.setattr(requests.Session, "request", counted)
    with _OlderHub(hub, failure_rate=0.0, seed=1, hold=0) as older:
        settings.EXCHANGE_HUB_URL = f"{older.url}/api/v1/exchange/hub"
        report = fetch_pending(organs=["000.00.00.H53", LONG_AN])
    assert (report.accepted, report.refused, report.failed) == (2, 0, 0)
    assert older.counts == {"not_found": 1, "pass": 4}
    acks = [
        f"/messages/{m}/ack"
        for m in HubMessage.objects.order_by("pk").values_list("consignment_id", flat=True)
    ]
    assert calls == [
        ("POST", "/pending"),
        ("GET", "/organs/000.00.00.H53/pending"),
        ("GET", f"/organs/{LONG_AN}/pending"),
        ("POST", acks[0]),
        ("POST", acks[1]),
    ]
    assert ReceivedDocument.objects.filter(body=d.office.long_an).count() == 2
    assert HubMessage.objects.filter(acknowledged_at__isnull=True).count() == 0


class _FaultyPending(_OlderHub):
    """A hub that has `POST /pending` and answers it with its own 404 fault."""

    answer = b'{"code": "exchange_unknown_addressee", "message": "..."}'


def test_a_fault_on_the_pending_call_is_not_taken_for_an_older_hub(
    hub: str, drafting: Drafting, settings: Any
) -> None:
    """A 404 with an exchange fault is the hub's answer, not a missing endpoint."""
    issued_to(drafting, LONG_AN)
    while send_pending(limit=50).sent:
        pass
    with _FaultyPending(hub, failure_rate=0.0, seed=1, hold=0) as faulty:
        settings.EXCHANGE_HUB_URL = f"{faulty.url}/api/v1/exchange/hub"
        report = fetch_pending(organs=[LONG_AN])
    assert (report.accepted, report.refused, report.failed) == (0, 0, 1)
    assert faulty.counts == {"not_found": 1}
    assert ReceivedDocument.objects.count() == 0
    assert HubMessage.objects.filter(acknowledged_at__isnull=True).count() == 1
