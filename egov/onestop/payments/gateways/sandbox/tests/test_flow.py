"""The whole sandbox round trip over real HTTP on loopback (live_server).

start_payment → the bank page → "Thanh toán" → the bank calls our IPN over
HTTP → the payment is paid → the browser comes back to the result page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
import requests
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.payments.conftest import apply_online, pause_for_payment
from egov.onestop.payments.models import (
    CallbackLog,
    Payment,
    PaymentStatus,
    SandboxBankTransaction,
    SandboxStatus,
)
from egov.onestop.payments.services import start_payment

pytestmark = pytest.mark.django_db(transaction=True)


class _Form(HTMLParser):
    """The bank page's form fields (hidden inputs and the CSRF token)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "input" and values.get("type") == "hidden" and values.get("name"):
            self.fields[str(values["name"])] = values.get("value") or ""


@pytest.fixture
def live(settings: Settings, live_server: LiveServer) -> str:
    settings.PUBLIC_URL = live_server.url
    # `requests` keeps Secure cookies for https only; the live server is http.
    settings.CSRF_COOKIE_SECURE = False
    return live_server.url


def _at_the_bank(url: str) -> tuple[requests.Session, requests.Response, dict[str, str]]:
    session = requests.Session()
    page = session.get(url, timeout=10)
    form = _Form()
    form.feed(page.text)
    return session, page, form.fields


def _choose(session: requests.Session, live: str, fields: dict[str, str], decision: str) -> str:
    response = session.post(
        f"{live}/thanh-toan/sandbox-bank/xac-nhan/",
        data={**fields, "decision": decision},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def test_pay_in_the_sandbox_end_to_end(
    live: str, desk: Desk, cast: Cast, province: Province
) -> None:
    # Given the citizen started paying the fees of their online dossier
    dossier = apply_online(desk, cast, province)
    payment, url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")
    assert url.startswith(f"{live}/thanh-toan/sandbox-bank/?")
    # When the bank page shows the order
    session, page, fields = _at_the_bank(url)
    assert page.status_code == 200
    assert "Cổng thanh toán thử nghiệm" in page.text
    assert "8.000 đồng" in page.text
    # and the citizen presses "Thanh toán"
    location = _choose(session, live, fields, "pay")

    # Then the bank told our IPN endpoint over HTTP before sending the browser back
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    bank = SandboxBankTransaction.objects.get()
    assert (bank.status, bank.ipn_answer, bank.amount) == (SandboxStatus.PAID, "00", 800000)
    assert (payment.gateway_txn_no, payment.bank_txn_no) == (
        f"{14000000 + bank.pk}",
        f"SBX{bank.pk:08d}",
    )
    log = CallbackLog.objects.get()
    assert (log.accepted, log.reason, log.remote_addr) == (True, "paid", "127.0.0.1")
    # and the browser lands on the result page, which shows it
    assert location.startswith(f"{live}/thanh-toan/ket-qua/?")
    result = session.get(location, timeout=10)
    assert result.status_code == 200
    assert "Thanh toán thành công" in result.text
    assert "Đã thanh toán" in result.text
    assert CallbackLog.objects.count() == 1


def test_cancel_at_the_bank(live: str, desk: Desk, cast: Cast, province: Province) -> None:
    dossier = apply_online(desk, cast, province)
    payment, url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")
    session, _page, fields = _at_the_bank(url)

    location = _choose(session, live, fields, "cancel")

    payment.refresh_from_db()
    assert (payment.status, payment.response_code) == (PaymentStatus.CANCELLED, "24")
    result = session.get(location, timeout=10)
    assert "Bạn đã hủy thanh toán" in result.text


def test_double_click_at_the_bank_pays_and_notifies_once(
    live: str, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = apply_online(desk, cast, province)
    _payment, url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")
    session, _page, fields = _at_the_bank(url)

    first = _choose(session, live, fields, "pay")
    second = _choose(session, live, fields, "pay")

    assert first == second
    assert SandboxBankTransaction.objects.count() == 1
    assert CallbackLog.objects.count() == 1


def test_obligation_paid_in_the_sandbox_resumes_the_dossier(
    live: str, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = pause_for_payment(desk, cast, province)
    _payment, url = start_payment(actor=cast.citizen, dossier=dossier, purpose="obligation")
    session, page, fields = _at_the_bank(url)
    assert "50.000 đồng" in page.text

    _choose(session, live, fields, "pay")

    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.PROCESSING


def test_the_bank_refuses_a_tampered_order(
    live: str, desk: Desk, cast: Cast, province: Province
) -> None:
    # Given a payment URL whose amount was lowered in the browser
    dossier = apply_online(desk, cast, province)
    payment, url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")
    tampered = url.replace("vnp_Amount=800000", "vnp_Amount=100")

    page = requests.get(tampered, timeout=10)
    session, _page, fields = _at_the_bank(url)
    posted = session.post(
        f"{live}/thanh-toan/sandbox-bank/xac-nhan/",
        data={**fields, "vnp_Amount": "100", "decision": "pay"},
        allow_redirects=False,
        timeout=10,
    )

    assert page.status_code == 400
    assert "Sai chữ ký: yêu cầu thanh toán không hợp lệ." in page.text
    assert posted.status_code == 400
    assert SandboxBankTransaction.objects.count() == 0
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PENDING


def test_forged_ipn_over_http_is_refused(
    live: str, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = apply_online(desk, cast, province)
    payment, _url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")
    forged = {
        "vnp_Amount": "800000",
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": "EGOVSBX1",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": payment.txn_ref,
        "vnp_SecureHash": "0" * 128,
    }

    answer = requests.get(f"{live}/thanh-toan/ipn/?{urlencode(forged)}", timeout=10)

    assert answer.json() == {"RspCode": "97", "Message": "Invalid signature"}
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PENDING
    log = CallbackLog.objects.get()
    assert (log.accepted, log.reason, log.remote_addr) == (False, "invalid_signature", "127.0.0.1")
