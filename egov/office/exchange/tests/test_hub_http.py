"""Two agencies and the hub over real HTTP on 127.0.0.1 (pytest-django's live server).

Both agencies are units of the test deployment, but EXCHANGE_ROUTING="hub"
sends every message through the hub's HTTP endpoints with the real client,
and the receiving side fetches and acknowledges over HTTP as another
deployment would (one database here: see docs/exchange.md, "Left").
"""

from __future__ import annotations

import signal
import time
import uuid
from typing import Any

import pytest
import requests
from django.db import connection

from egov.office.documents.models import ExchangeStatus, OutgoingDocument
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.tests.conftest import abbreviations, media, office  # noqa: F401
from egov.office.documents.tests.outgoing_fixtures import Drafting, drafting_fixture  # noqa: F401
from egov.office.exchange import intake
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.fetch import fetch_pending
from egov.office.exchange.hub.models import HubMessage
from egov.office.exchange.models import (
    InboundFault,
    OutboundMessage,
    ReceivedDocument,
    StatusEntry,
)
from egov.office.exchange.outbox import envelope_of, send_pending
from egov.office.exchange.selectors import timelines
from egov.office.exchange.tests.delivery_fixtures import (
    LONG_AN,
    TAN_NINH,
    issued_to,
    pump,
    wait_for,
)
from egov.office.exchange.tests.flaky_proxy import MODES, FlakyProxy
from egov.office.exchange.tests.worker_process import leases_run_out, sent, start_worker
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


def test_many_documents_through_a_failing_hub_and_a_killed_worker(
    hub: str, drafting: Drafting, settings: Any
) -> None:
    """Every document arrives exactly once, the statuses return in order, and
    the sending worker killed with SIGKILL in the middle loses nothing.

    1,000 documents on PostgreSQL, the production database, as issue 13 asks;
    100 on SQLite, whose run checks the same things at a tenth of the time.
    The hub fails about half the requests (seeded). The sending worker is a
    separate process; it is killed with SIGKILL once a third of the documents
    have left, its leases run out, and a new worker process sends the rest
    through the same failing hub. The receiver then fetches, registers or
    refuses, and the statuses come back through the hub.
    """
    d = drafting
    count = 1000 if connection.vendor == "postgresql" else 100
    started = time.monotonic()
    documents = [issued_to(d, LONG_AN) for _ in range(count)]
    issued = time.monotonic()
    # Short time-outs keep the run short: a held answer costs the sender 0.3 s.
    settings.EXCHANGE_HTTP_TIMEOUT = 0.3
    with FlakyProxy(hub, failure_rate=0.5, seed=20261206, hold=0.4) as proxy:
        flaky = f"{proxy.url}/api/v1/exchange/hub"
        settings.EXCHANGE_HUB_URL = flaky
        first = start_worker(flaky, TOKEN, timeout_ms=300, time_passes=True)
        try:
            wait_for(lambda: sent() >= count // 3, seconds=1800, what="the first worker's sends")
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=20)
        assert first.returncode == -signal.SIGKILL
        killed_at = sent()
        assert killed_at < count
        leases_run_out()
        second = start_worker(flaky, TOKEN, timeout_ms=300, time_passes=True)
        try:
            wait_for(lambda: sent() == count, seconds=3600, what="the second worker's sends")
        finally:
            second.terminate()
            second.wait(timeout=20)
        sending = time.monotonic()
        rounds = pump(rounds=1000, fetch=True)
        received = list(ReceivedDocument.objects.order_by("pk"))
        # Registering makes an incoming document, the costly part of the run; a
        # refusal answers with a status too. Every tenth is registered (03), the
        # others refused (02).
        for index, item in enumerate(received):
            if index % 10 == 0:
                intake.register_received(actor=d.long_an_clerk, received=item)
            else:
                intake.refuse_received(
                    actor=d.long_an_clerk, received=item, reason="Không thuộc thẩm quyền"
                )
        rounds += pump(rounds=1000, fetch=True)
    print(
        f"flaky hub: {count} documents issued in {issued - started:.1f} s; the worker killed "
        f"after {killed_at} sent, all sent in {sending - issued:.1f} s; delivered with 01 and "
        f"03 or 02 back in {time.monotonic() - sending:.1f} s more, {rounds} worker rounds"
    )
    # Each document once at the hub and once at the receiver, whatever was sent twice.
    assert HubMessage.objects.filter(kind="document").count() == count
    assert ReceivedDocument.objects.count() == count
    assert sorted(r.notation for r in received) == sorted(doc.notation for doc in documents)
    answer = {r.notation: "03" if i % 10 == 0 else "02" for i, r in enumerate(received)}
    assert [_codes(doc) for doc in documents] == [["01", answer[doc.notation]] for doc in documents]
    assert sorted(answer.values()).count("03") == count // 10
    assert StatusEntry.objects.count() == 2 * count
    assert InboundFault.objects.count() == 0
    assert OutboundMessage.objects.exclude(status=DeliveryStatus.SENT).count() == 0
    # The proxy failed requests in every one of its ways (the share is printed: about half).
    assert set(proxy.counts) == {"pass", *MODES}
    failed = sum(n for mode, n in proxy.counts.items() if mode != "pass")
    print(f"flaky hub: {failed} of {sum(proxy.counts.values())} requests failed: {proxy.counts}")
