"""A paid dossier as people see it (issue 17, item 6).

The citizen sees each attempt for what it became (paid, cancelled, left
unfinished), the staff see that the fee is paid, and nobody asks for the
fee again: the action is not offered and the service refuses it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, login
from egov.onestop.dossiers.actions import available_actions
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.services import move_on, request_payment
from egov.onestop.dossiers.tests.test_views_actions import expected, snapshot
from egov.onestop.payments.conftest import bank_params
from egov.onestop.payments.models import Payment
from egov.onestop.payments.selectors import payment_summary
from egov.onestop.payments.services import handle_ipn, start_payment
from egov.platform.core.errors import Conflict

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# The citizen starts paying at 08:00, cancels at the bank, starts again at
# 08:05 and leaves the bank's page, starts a third time at 08:10 and pays.
FIRST, SECOND, THIRD = (datetime(2026, 3, 3, 8, m, tzinfo=VN) for m in (0, 5, 10))
LATER = datetime(2026, 3, 3, 9, 0, tzinfo=VN)


def _start(dossier: Dossier, cast: Cast, at: datetime) -> Payment:
    with time_machine.travel(at, tick=False):
        payment, _url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")
    return payment


@pytest.fixture
def paid(online_dossier: Dossier, cast: Cast) -> Dossier:
    """At the specialist's step, the fee paid on the third attempt."""
    with time_machine.travel(FIRST, tick=False):
        dossier = move_on(actor=cast.reception, dossier=online_dossier, action="forward")
    first = _start(dossier, cast, FIRST)
    cancel = bank_params(first, vnp_ResponseCode="24", vnp_TransactionStatus="02")
    assert handle_ipn(cancel, "127.0.0.1")["RspCode"] == "00"
    _start(dossier, cast, SECOND)
    third = _start(dossier, cast, THIRD)
    with time_machine.travel(THIRD + timedelta(minutes=2), tick=False):
        assert handle_ipn(bank_params(third), "127.0.0.1")["RspCode"] == "00"
    return Dossier.objects.select_related("procedure", "current_step").get(pk=dossier.pk)


def test_each_attempt_shows_what_became_of_it(paid: Dossier) -> None:
    with time_machine.travel(LATER, tick=False):
        lines = payment_summary(paid).payments

    assert [(p.amount_vnd, p.status, p.status_label) for p in lines] == [
        (8000, "paid", "Đã thanh toán"),
        (8000, "abandoned", "Không hoàn tất"),
        (8000, "cancelled", "Đã hủy"),
    ]


def test_a_pending_attempt_waits_until_the_bank_would_refuse_it(
    online_dossier: Dossier, cast: Cast
) -> None:
    _start(online_dossier, cast, FIRST)

    with time_machine.travel(FIRST + timedelta(minutes=14), tick=False):
        fresh = payment_summary(online_dossier).payments
    with time_machine.travel(FIRST + timedelta(minutes=16), tick=False):
        left = payment_summary(online_dossier).payments

    assert [p.status_label for p in fresh] == ["Đang chờ thanh toán"]
    assert [p.status_label for p in left] == ["Không hoàn tất"]


def test_the_citizen_page_lists_paid_abandoned_and_cancelled(
    paid: Dossier, cast: Cast, client: Client
) -> None:
    login(client, cast.citizen)
    with time_machine.travel(LATER, tick=False):
        page = client.get(f"/dich-vu-cong/ho-so/{paid.pk}/").content.decode()

    statuses = [part.split("</span>")[0].split(">", 1)[1] for part in page.split("pay-status-")[1:]]
    assert statuses == ["Đã thanh toán", "Không hoàn tất", "Đã hủy"]
    assert "Đang chờ thanh toán" not in page


def test_the_staff_page_shows_the_fee_paid_and_offers_no_new_request(
    paid: Dossier, cast: Cast, client: Client
) -> None:
    login(client, cast.specialist)
    with time_machine.travel(LATER, tick=False):
        page = client.get(f"/ho-so/{paid.pk}/").content.decode()

    card = page.split('id="payment-paid-card"')[1].split("</section>")[0]
    payment = Payment.objects.get(status="paid")
    assert "Đã nộp phí, lệ phí" in card
    assert "8.000 đồng" in card
    assert "Phí, lệ phí thủ tục" in card
    assert "09:00 03/03/2026" in card  # the bank's vnp_PayDate
    assert "Trực tuyến qua cổng thanh toán thử nghiệm" in card
    assert f"<code>{payment.txn_ref}</code>" in card
    assert "<code>SBX00000042</code>" in card
    assert "Yêu cầu nộp phí, thuế" not in page
    assert "payment" not in available_actions(cast.specialist, paid)


def test_an_unpaid_dossier_is_offered_the_request_and_shows_no_paid_card(
    online_dossier: Dossier, cast: Cast, client: Client
) -> None:
    dossier = move_on(actor=cast.reception, dossier=online_dossier, action="forward")
    login(client, cast.specialist)

    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()

    assert "Yêu cầu nộp phí, thuế" in page
    assert "payment-paid-card" not in page


def test_the_service_refuses_a_fee_request_for_a_paid_dossier(paid: Dossier, cast: Cast) -> None:
    before = snapshot(paid)

    with pytest.raises(Conflict) as refused:
        request_payment(actor=cast.specialist, dossier=paid, note="Lệ phí", amount_vnd=8000)

    assert refused.value.code == "fee_already_paid"
    assert refused.value.message == (
        "Hồ sơ đã được thanh toán phí, lệ phí nên không yêu cầu nộp phí, thuế nữa."
    )
    assert snapshot(paid) == before


def test_the_api_refuses_a_fee_request_for_a_paid_dossier(
    paid: Dossier, cast: Cast, client: Client
) -> None:
    before = snapshot(paid)
    login(client, cast.specialist)

    response = client.post(
        f"/api/v1/dossiers/{paid.pk}/payment",
        json.dumps({"note": "Lệ phí"}),
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "fee_already_paid"
    assert response.json()["message"] == (
        "Hồ sơ đã được thanh toán phí, lệ phí nên không yêu cầu nộp phí, thuế nữa."
    )
    assert snapshot(paid) == before


def test_the_page_action_refuses_it_with_the_message(
    paid: Dossier, cast: Cast, client: Client
) -> None:
    before = snapshot(paid)
    login(client, cast.specialist)

    response = client.post(
        f"/ho-so/{paid.pk}/payment/", {**expected(paid), "note": "Lệ phí"}, follow=True
    )

    assert response.status_code == 200
    assert "Hồ sơ đã được thanh toán phí, lệ phí nên không yêu cầu nộp phí, thuế nữa." in (
        response.content.decode()
    )
    assert snapshot(paid) == before
    assert Dossier.objects.get(pk=paid.pk).status == DossierStatus.PROCESSING
