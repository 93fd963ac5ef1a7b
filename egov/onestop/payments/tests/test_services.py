"""Starting a payment and applying the gateway's callbacks (IPN)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egov.conftest import Cast
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.payments.conftest import bank_params
from egov.onestop.payments.gateways.sandbox.transport import TMN_CODE
from egov.onestop.payments.models import CallbackLog, Payment, PaymentPurpose, PaymentStatus
from egov.onestop.payments.services import handle_ipn, loggable, start_payment
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _fee_payment(dossier: Dossier, citizen: User) -> Payment:
    payment, _url = start_payment(actor=citizen, dossier=dossier, purpose="fee")
    return payment


def _snapshot(payment: Payment) -> tuple[object, ...]:
    payment.refresh_from_db()
    return (
        payment.status,
        payment.paid_at,
        payment.bank_txn_no,
        payment.gateway_txn_no,
        payment.response_code,
        payment.updated_at,
    )


def test_start_fee_payment_records_it_and_signs_the_redirect(
    online_dossier: Dossier, cast: Cast
) -> None:
    # When the applicant starts paying the procedure's fees (5.000 + 3.000 đồng)
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=VN), tick=False):
        payment, url = start_payment(actor=cast.citizen, dossier=online_dossier, purpose="fee")

    # Then a pending payment of 8.000 đồng is recorded for the sandbox gateway
    assert (payment.purpose, payment.amount_vnd, payment.status, payment.gateway) == (
        PaymentPurpose.FEE,
        8000,
        PaymentStatus.PENDING,
        "sandbox",
    )
    assert payment.payer == cast.citizen
    assert payment.txn_ref.startswith("260302100000")
    assert len(payment.txn_ref) == 20
    # and the browser goes to the sandbox bank with VNPAY's signed parameters
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}"
        == "http://testserver/thanh-toan/sandbox-bank/"
    )
    assert {k: v for k, v in query.items() if k != "vnp_SecureHash"} == {
        "vnp_Amount": "800000",
        "vnp_Command": "pay",
        "vnp_CreateDate": "20260302100000",
        "vnp_CurrCode": "VND",
        "vnp_ExpireDate": "20260302101500",
        "vnp_IpAddr": "127.0.0.1",
        "vnp_Locale": "vn",
        "vnp_OrderInfo": f"Thanh toan phi, le phi ho so {online_dossier.code}",
        "vnp_OrderType": "other",
        "vnp_ReturnUrl": "http://testserver/thanh-toan/ket-qua/",
        "vnp_TmnCode": TMN_CODE,
        "vnp_TxnRef": payment.txn_ref,
        "vnp_Version": "2.1.0",
    }
    assert len(query["vnp_SecureHash"]) == 128
    event = AuditEvent.objects.get(event_type="payments.started")
    assert (event.actor, event.target_id, event.details["amount_vnd"]) == (
        cast.citizen,
        str(payment.pk),
        8000,
    )


@pytest.mark.parametrize("who", ["other_citizen", "reception", "specialist"])
def test_only_the_applicant_may_start_a_payment(
    online_dossier: Dossier, cast: Cast, other_citizen: User, who: str
) -> None:
    actor = other_citizen if who == "other_citizen" else getattr(cast, who)
    events = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied) as error:
        start_payment(actor=actor, dossier=online_dossier, purpose="fee")

    assert error.value.code == "payment_not_allowed"
    assert error.value.message == "Chỉ người nộp hồ sơ mới được thanh toán cho hồ sơ này."
    assert Payment.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_fee_refused_when_already_paid_or_unknown_purpose(
    online_dossier: Dossier, cast: Cast
) -> None:
    payment = _fee_payment(online_dossier, cast.citizen)
    assert handle_ipn(bank_params(payment), "127.0.0.1")["RspCode"] == "00"

    with pytest.raises(Conflict) as paid:
        start_payment(actor=cast.citizen, dossier=online_dossier, purpose="fee")
    with pytest.raises(InvalidInput) as purpose:
        start_payment(actor=cast.citizen, dossier=online_dossier, purpose="tip")

    assert (paid.value.code, purpose.value.code) == ("already_paid", "invalid_payment_purpose")
    assert paid.value.message == "Phí, lệ phí của hồ sơ này đã được thanh toán."
    assert Payment.objects.count() == 1


def test_fee_refused_when_the_procedure_is_free(online_dossier: Dossier, cast: Cast) -> None:
    Procedure.objects.filter(pk=online_dossier.procedure_id).update(fee_vnd=0, charge_vnd=0)

    with pytest.raises(Conflict) as free:
        start_payment(actor=cast.citizen, dossier=online_dossier, purpose="fee")

    assert (free.value.code, free.value.message) == (
        "nothing_to_pay",
        "Thủ tục này không thu phí, lệ phí.",
    )
    assert Payment.objects.count() == 0


def test_obligation_only_while_waiting_for_payment(online_dossier: Dossier, cast: Cast) -> None:
    with pytest.raises(Conflict) as error:
        start_payment(actor=cast.citizen, dossier=online_dossier, purpose="obligation")

    assert error.value.code == "not_waiting_for_payment"
    assert error.value.message == "Hồ sơ không ở trạng thái chờ nộp phí, thuế."
    assert Payment.objects.count() == 0


def test_successful_ipn_marks_the_fee_paid(online_dossier: Dossier, cast: Cast) -> None:
    payment = _fee_payment(online_dossier, cast.citizen)

    answer = handle_ipn(bank_params(payment), "10.1.2.3")

    assert answer == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    assert (payment.status, payment.bank_txn_no, payment.gateway_txn_no) == (
        PaymentStatus.PAID,
        "SBX00000042",
        "14000042",
    )
    assert payment.paid_at == datetime(2026, 3, 3, 9, 0, tzinfo=VN)
    # The dossier itself does not move: it was registered on submission.
    assert Dossier.objects.get(pk=online_dossier.pk).status == DossierStatus.ACCEPTED
    log = CallbackLog.objects.get()
    assert (log.accepted, log.reason, log.answer_code, log.payment, log.remote_addr) == (
        True,
        "paid",
        "00",
        payment,
        "10.1.2.3",
    )
    assert log.params["vnp_TxnRef"] == payment.txn_ref
    assert AuditEvent.objects.filter(event_type="payments.paid", actor=None).count() == 1


def test_forged_callback_is_refused_logged_and_changes_nothing(
    online_dossier: Dossier, cast: Cast
) -> None:
    # Given a pending payment and a callback whose hash was not made with our secret
    payment = _fee_payment(online_dossier, cast.citizen)
    before = _snapshot(payment)
    forged = {**bank_params(payment), "vnp_SecureHash": "ab" * 64}

    answer = handle_ipn(forged, "203.0.113.9")

    assert answer == {"RspCode": "97", "Message": "Invalid signature"}
    assert _snapshot(payment) == before
    log = CallbackLog.objects.get()
    assert (log.accepted, log.reason, log.answer_code, log.payment, log.txn_ref) == (
        False,
        "invalid_signature",
        "97",
        None,
        payment.txn_ref,
    )
    assert log.remote_addr == "203.0.113.9"
    assert log.params["vnp_SecureHash"] == "ab" * 64
    assert not AuditEvent.objects.filter(event_type="payments.paid").exists()


def test_replayed_callback_answers_02_and_changes_nothing(
    online_dossier: Dossier, cast: Cast
) -> None:
    payment = _fee_payment(online_dossier, cast.citizen)
    params = bank_params(payment)
    assert handle_ipn(params, "127.0.0.1")["RspCode"] == "00"
    before = _snapshot(payment)

    # When the very same signed callback comes again (a retry, or a replay)
    answer = handle_ipn(params, "127.0.0.1")

    assert answer == {"RspCode": "02", "Message": "Order already confirmed"}
    assert _snapshot(payment) == before
    assert list(CallbackLog.objects.order_by("pk").values_list("reason", "accepted")) == [
        ("paid", True),
        ("already_confirmed", False),
    ]
    assert AuditEvent.objects.filter(event_type="payments.paid").count() == 1


def test_wrong_amount_answers_04_and_changes_nothing(online_dossier: Dossier, cast: Cast) -> None:
    payment = _fee_payment(online_dossier, cast.citizen)
    before = _snapshot(payment)

    # Signed correctly, but for 80 đồng instead of 8.000
    answer = handle_ipn(bank_params(payment, vnp_Amount="8000"), "127.0.0.1")

    assert answer == {"RspCode": "04", "Message": "Invalid amount"}
    assert _snapshot(payment) == before
    log = CallbackLog.objects.get()
    assert (log.reason, log.answer_code, log.payment) == ("invalid_amount", "04", payment)


def test_unknown_transaction_answers_01(online_dossier: Dossier, cast: Cast) -> None:
    payment = _fee_payment(online_dossier, cast.citizen)
    before = _snapshot(payment)

    answer = handle_ipn(bank_params(payment, vnp_TxnRef="NOSUCHREF"), "127.0.0.1")

    assert answer == {"RspCode": "01", "Message": "Order not found"}
    assert _snapshot(payment) == before
    log = CallbackLog.objects.get()
    assert (log.reason, log.txn_ref, log.payment) == ("order_not_found", "NOSUCHREF", None)


def test_cancelled_at_the_bank_then_paid_with_a_new_payment(
    online_dossier: Dossier, cast: Cast
) -> None:
    first = _fee_payment(online_dossier, cast.citizen)
    cancel = bank_params(first, vnp_ResponseCode="24", vnp_TransactionStatus="02")

    assert handle_ipn(cancel, "127.0.0.1")["RspCode"] == "00"
    first.refresh_from_db()
    assert (first.status, first.paid_at) == (PaymentStatus.CANCELLED, None)
    second = _fee_payment(online_dossier, cast.citizen)
    assert handle_ipn(bank_params(second), "127.0.0.1")["RspCode"] == "00"
    assert list(Payment.objects.order_by("pk").values_list("status", flat=True)) == [
        PaymentStatus.CANCELLED,
        PaymentStatus.PAID,
    ]


def test_paid_obligation_resumes_the_dossier_and_moves_its_deadline(
    waiting_dossier: Dossier, cast: Cast
) -> None:
    # Given a dossier paused (status 6) on Mon 2 Mar 09:00 for 50.000 đồng
    assert waiting_dossier.status == DossierStatus.FINANCIAL
    assert waiting_dossier.deadline_at == datetime(2026, 3, 9, 8, 0, tzinfo=VN)
    with time_machine.travel(datetime(2026, 3, 3, 8, 55, tzinfo=VN), tick=False):
        payment, _url = start_payment(
            actor=cast.citizen, dossier=waiting_dossier, purpose="obligation"
        )
    assert payment.amount_vnd == 50000

    # When the gateway confirms it on Tue 3 Mar 09:00
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=VN), tick=False):
        answer = handle_ipn(bank_params(payment), "127.0.0.1")

    # Then the dossier is processing again, one working day later than planned
    assert answer["RspCode"] == "00"
    dossier = Dossier.objects.get(pk=waiting_dossier.pk)
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.deadline_at == datetime(2026, 3, 10, 8, 0, tzinfo=VN)
    assert dossier.clock_stopped_at is None
    confirmed = AuditEvent.objects.get(event_type="dossiers.payment_confirmed")
    assert confirmed.actor is None
    assert confirmed.details["note"] == f"Đã thanh toán trực tuyến, mã giao dịch {payment.txn_ref}."


def test_obligation_paid_twice_is_recorded_and_flagged(
    waiting_dossier: Dossier, cast: Cast
) -> None:
    # Two tabs: two payments started while the dossier waited, both paid
    first, _url = start_payment(actor=cast.citizen, dossier=waiting_dossier, purpose="obligation")
    second, _url = start_payment(actor=cast.citizen, dossier=waiting_dossier, purpose="obligation")
    assert handle_ipn(bank_params(first), "127.0.0.1")["RspCode"] == "00"

    answer = handle_ipn(bank_params(second), "127.0.0.1")

    assert answer["RspCode"] == "00"
    second.refresh_from_db()
    assert second.status == PaymentStatus.PAID
    flagged = AuditEvent.objects.get(event_type="payments.paid_not_applied")
    assert (flagged.target_id, flagged.details["reason"]) == (
        str(second.pk),
        "not_waiting_for_payment",
    )
    assert AuditEvent.objects.filter(event_type="dossiers.payment_confirmed").count() == 1


def test_log_keeps_the_parameters_but_nothing_secret() -> None:
    kept = loggable({"vnp_TxnRef": "A1", "vnp_HashSecret": "x", "password": "y", "x" * 70: "z"})

    assert kept == {"vnp_TxnRef": "A1", "x" * 64: "z"}
