"""A success after a cancel is flagged, and callbacks match gateway and reference (issue 16)."""

from __future__ import annotations

import pytest
from django.test import Client

from egov.conftest import Cast, login
from egov.onestop.dossiers.models import Dossier
from egov.onestop.payments.conftest import bank_params
from egov.onestop.payments.models import (
    CallbackLog,
    Payment,
    PaymentStatus,
    Reconciliation,
    ReconciliationReason,
)
from egov.onestop.payments.services import handle_ipn, start_payment
from egov.platform.audit.models import AuditEvent

PAGE = "/thanh-toan/doi-soat/"


def _cancelled_then_paid(dossier: Dossier, cast: Cast) -> Payment:
    payment, _url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")
    cancel = bank_params(payment, vnp_ResponseCode="24", vnp_TransactionStatus="02")
    assert handle_ipn(cancel, "127.0.0.1")["RspCode"] == "00"
    assert handle_ipn(bank_params(payment), "127.0.0.1")["RspCode"] == "00"
    return payment


def test_success_after_cancel_is_recorded_and_flagged(online_dossier: Dossier, cast: Cast) -> None:
    payment = _cancelled_then_paid(online_dossier, cast)

    payment.refresh_from_db()
    # A person decides: the payment keeps the status the gateway first gave it.
    assert (payment.status, payment.paid_at) == (PaymentStatus.CANCELLED, None)
    flagged = Reconciliation.objects.get()
    assert (
        flagged.payment_id,
        flagged.reason,
        flagged.status_before,
        flagged.amount_vnd,
        flagged.gateway_txn_no,
        flagged.bank_txn_no,
    ) == (
        payment.pk,
        ReconciliationReason.PAID_AFTER_CANCEL,
        PaymentStatus.CANCELLED,
        payment.amount_vnd,
        "14000042",
        "SBX00000042",
    )
    assert (flagged.callback.accepted, flagged.callback.reason) == (True, "paid_after_cancel")
    event = AuditEvent.objects.get(event_type="payments.reconciliation_flagged")
    assert (event.actor_id, event.details["txn_ref"], event.details["reason"]) == (
        None,
        payment.txn_ref,
        "paid_after_cancel",
    )
    assert list(CallbackLog.objects.order_by("pk").values_list("reason", flat=True)) == [
        "cancelled",
        "paid_after_cancel",
    ]


def test_a_repeated_success_after_cancel_is_not_flagged_twice(
    online_dossier: Dossier, cast: Cast
) -> None:
    payment = _cancelled_then_paid(online_dossier, cast)

    answer = handle_ipn(bank_params(payment), "127.0.0.1")

    # The gateway retrying the same success: a duplicate, as for a paid payment.
    assert answer["RspCode"] == "02"
    assert Reconciliation.objects.count() == 1


def test_callback_from_another_gateway_does_not_touch_the_payment(
    online_dossier: Dossier, cast: Cast
) -> None:
    payment, _url = start_payment(actor=cast.citizen, dossier=online_dossier, purpose="fee")
    # The payment went through gateway A ("vnpay"); the callback comes from B (sandbox).
    Payment.objects.filter(pk=payment.pk).update(gateway="vnpay")
    before = AuditEvent.objects.count()

    answer = handle_ipn(bank_params(payment), "127.0.0.1")

    assert answer["RspCode"] == "01"
    payment.refresh_from_db()
    assert (payment.status, payment.paid_at, payment.gateway_txn_no) == (
        PaymentStatus.PENDING,
        None,
        "",
    )
    assert AuditEvent.objects.count() == before
    log = CallbackLog.objects.get()
    assert (log.accepted, log.reason, log.payment_id) == (False, "order_not_found", None)


def test_staff_of_the_unit_see_the_reconciliation_list(
    client: Client, online_dossier: Dossier, cast: Cast
) -> None:
    payment = _cancelled_then_paid(online_dossier, cast)
    login(client, cast.reception)

    response = client.get(PAGE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Giao dịch cần đối soát" in page
    assert payment.txn_ref in page
    assert "Báo thanh toán thành công sau khi đã hủy" in page


def test_staff_of_another_unit_see_an_empty_list(
    client: Client, online_dossier: Dossier, cast: Cast
) -> None:
    payment = _cancelled_then_paid(online_dossier, cast)
    login(client, cast.outsider)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert payment.txn_ref not in response.content.decode()
    assert "Không có giao dịch nào cần đối soát." in response.content.decode()


@pytest.mark.parametrize("who", ["citizen", "anonymous"])
def test_citizens_and_anonymous_are_denied_the_list(
    who: str, client: Client, online_dossier: Dossier, cast: Cast
) -> None:
    payment = _cancelled_then_paid(online_dossier, cast)
    if who == "citizen":
        login(client, cast.citizen)

    response = client.get(PAGE)

    assert response.status_code == (404 if who == "citizen" else 302)
    assert payment.txn_ref not in response.content.decode()
    assert Reconciliation.objects.count() == 1
