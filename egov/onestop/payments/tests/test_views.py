"""The pay button, the IPN endpoint, the return page and the payment card."""

from __future__ import annotations

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from egov.conftest import Cast, login
from egov.onestop.dossiers.models import Dossier
from egov.onestop.payments.conftest import bank_params
from egov.onestop.payments.models import CallbackLog, Payment, PaymentStatus
from egov.onestop.payments.selectors import PaymentLine, payment_summary
from egov.onestop.payments.services import handle_ipn, start_payment
from egov.platform.accounts.models import User


def test_pay_button_sends_the_applicant_to_the_bank(
    client: Client, online_dossier: Dossier, cast: Cast
) -> None:
    login(client, cast.citizen)

    response = client.post(f"/thanh-toan/ho-so/{online_dossier.pk}/", {"purpose": "fee"})

    payment = Payment.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("http://testserver/thanh-toan/sandbox-bank/?")
    assert f"vnp_TxnRef={payment.txn_ref}" in response["Location"]


def test_pay_button_of_someone_elses_dossier_is_not_found(
    client: Client, online_dossier: Dossier, other_citizen: User
) -> None:
    login(client, other_citizen)

    response = client.post(f"/thanh-toan/ho-so/{online_dossier.pk}/", {"purpose": "fee"})

    assert response.status_code == 404
    assert Payment.objects.count() == 0


def test_pay_button_refusal_is_a_message_on_the_dossier_page(
    client: Client, online_dossier: Dossier, cast: Cast
) -> None:
    login(client, cast.citizen)

    response = client.post(f"/thanh-toan/ho-so/{online_dossier.pk}/", {"purpose": "obligation"})

    assert response.status_code == 302
    assert response["Location"] == f"/dich-vu-cong/ho-so/{online_dossier.pk}/"
    messages = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert messages == ["Hồ sơ không ở trạng thái chờ nộp phí, thuế."]
    assert Payment.objects.count() == 0


def test_pay_button_needs_login_and_post(client: Client, online_dossier: Dossier) -> None:
    anonymous = client.post(f"/thanh-toan/ho-so/{online_dossier.pk}/", {"purpose": "fee"})
    login(client, online_dossier.applicant_user)  # type: ignore[arg-type]
    get = client.get(f"/thanh-toan/ho-so/{online_dossier.pk}/")

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/dang-nhap/")
    assert get.status_code == 405
    assert Payment.objects.count() == 0


def test_ipn_endpoint_answers_json(client: Client, online_dossier: Dossier, cast: Cast) -> None:
    payment, _url = start_payment(actor=cast.citizen, dossier=online_dossier, purpose="fee")

    response = client.get("/thanh-toan/ipn/", bank_params(payment), REMOTE_ADDR="10.9.8.7")
    posted = client.post("/thanh-toan/ipn/", bank_params(payment))

    assert response.status_code == 200
    assert response.json() == {"RspCode": "00", "Message": "Confirm Success"}
    assert posted.status_code == 405
    assert CallbackLog.objects.get().remote_addr == "10.9.8.7"


def test_ipn_endpoint_without_a_configured_gateway(client: Client, settings: Settings) -> None:
    settings.PAYMENT_GATEWAY = "vnpay"
    settings.VNPAY_TMN_CODE = ""

    response = client.get("/thanh-toan/ipn/", {"vnp_TxnRef": "X"})

    assert response.status_code == 503
    assert response.json()["code"] == "payment_gateway_not_configured"


def test_return_page_shows_the_result_but_changes_nothing(
    client: Client, online_dossier: Dossier, cast: Cast
) -> None:
    payment, _url = start_payment(actor=cast.citizen, dossier=online_dossier, purpose="fee")

    response = client.get("/thanh-toan/ket-qua/", bank_params(payment))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Thanh toán thành công" in html
    assert "8.000 đồng" in html
    assert "Đang chờ thanh toán" in html  # what we recorded: only the IPN changes it
    assert f'href="/dich-vu-cong/ho-so/{online_dossier.pk}/"' in html
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert CallbackLog.objects.count() == 0


def test_return_page_refuses_a_forged_result(
    client: Client, online_dossier: Dossier, cast: Cast
) -> None:
    payment, _url = start_payment(actor=cast.citizen, dossier=online_dossier, purpose="fee")
    forged = {**bank_params(payment), "vnp_ResponseCode": "00", "vnp_Amount": "100"}

    response = client.get("/thanh-toan/ket-qua/?" + urlencode(forged))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Kết quả thanh toán không hợp lệ (sai chữ ký hoặc sai định dạng)." in html
    assert "Thanh toán thành công" not in html


def test_sandbox_bank_is_closed_unless_the_sandbox_is_the_gateway(
    client: Client, settings: Settings
) -> None:
    settings.PAYMENT_GATEWAY = "vnpay"

    response = client.get("/thanh-toan/sandbox-bank/", {"vnp_TxnRef": "X"})

    assert response.status_code == 404


def test_summary_lists_payments_and_shows_buttons_to_the_applicant_only(
    online_dossier: Dossier, cast: Cast, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    payment, _url = start_payment(actor=cast.citizen, dossier=online_dossier, purpose="fee")
    handle_ipn(bank_params(payment, vnp_ResponseCode="24", vnp_TransactionStatus="02"), None)
    payment.refresh_from_db()

    with django_assert_num_queries(1):
        summary = payment_summary(online_dossier)

    assert (summary.fee_vnd, summary.fee_paid, summary.fee_payable, summary.obligation_vnd) == (
        8000,
        False,
        True,
        0,
    )
    assert summary.payments == [
        PaymentLine(
            txn_ref=payment.txn_ref,
            purpose="fee",
            purpose_label="Phí, lệ phí thủ tục",
            amount_vnd=8000,
            status="cancelled",
            status_label="Đã hủy",
            created_at=payment.created_at,
            paid_at=None,
            bank_txn_no="SBX00000042",
            gateway="sandbox",
        )
    ]
    request = RequestFactory().get("/")
    for_applicant = render_to_string(
        "payments/_summary.html",
        {"payment_summary": summary, "user": cast.citizen},
        request=request,
    )
    for_officer = render_to_string(
        "payments/_summary.html",
        {"payment_summary": summary, "user": cast.reception},
        request=request,
    )
    assert "Thanh toán phí, lệ phí 8.000 đồng" in for_applicant
    assert "Chưa nộp" in for_applicant
    assert "Đã hủy" in for_officer
    assert "Thanh toán phí, lệ phí 8.000 đồng" not in for_officer


def test_summary_of_a_dossier_waiting_for_payment(waiting_dossier: Dossier, cast: Cast) -> None:
    summary = payment_summary(waiting_dossier)

    html = render_to_string(
        "payments/_summary.html",
        {"payment_summary": summary, "user": cast.citizen},
        request=RequestFactory().get("/"),
    )

    assert summary.obligation_vnd == 50000
    assert "Nộp 50.000 đồng trực tuyến" in html
