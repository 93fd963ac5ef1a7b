"""Payment fixtures: an online birth registration with fees, paid in the sandbox.

The procedure of `desk` (egov/onestop/dossiers/tests/conftest.py) charges 5.000 đồng
of fees and 3.000 đồng of charges here; the citizen `congdan` applied online.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytest_django.fixtures import Settings

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.dossiers.models import Channel, Dossier
from egov.onestop.dossiers.services import move_on, request_payment
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.dossiers.tests.conftest import desk as desk  # noqa: F401 - the fixture
from egov.onestop.payments.gateways.sandbox.transport import TMN_CODE, sandbox_secret
from egov.onestop.payments.gateways.vnpay.transport import sign
from egov.onestop.payments.models import Payment
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import AccountKind, User
from egov.platform.accounts.services import create_account

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def sandbox(settings: Settings) -> None:
    settings.PAYMENT_GATEWAY = "sandbox"
    settings.PUBLIC_URL = "http://testserver"


def apply_online(desk: Desk, cast: Cast, province: Province) -> Dossier:
    """A dossier the citizen applied for online (at reception, status 2)."""
    Procedure.objects.filter(pk=desk.procedure.pk).update(fee_vnd=5000, charge_vnd=3000)
    dossier = receive(desk, cast, province)
    Dossier.objects.filter(pk=dossier.pk).update(
        applicant_user=cast.citizen, channel=Channel.ONLINE
    )
    return Dossier.objects.select_related("procedure").get(pk=dossier.pk)


@pytest.fixture
def online_dossier(desk: Desk, cast: Cast, province: Province) -> Dossier:
    return apply_online(desk, cast, province)


# Accepted Mon 2 Mar 2026 08:00 (5 working days: deadline Mon 9 Mar 08:00),
# forwarded, then paused at 09:00 for 50.000 đồng of registration tax.
ACCEPTED_AT = datetime(2026, 3, 2, 8, 0, tzinfo=VN)
PAUSED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=VN)


def pause_for_payment(desk: Desk, cast: Cast, province: Province) -> Dossier:
    with time_machine.travel(ACCEPTED_AT, tick=False):
        dossier = apply_online(desk, cast, province)
        dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    with time_machine.travel(PAUSED_AT, tick=False):
        return request_payment(
            actor=cast.specialist, dossier=dossier, note="Lệ phí đăng ký", amount_vnd=50000
        )


@pytest.fixture
def waiting_dossier(desk: Desk, cast: Cast, province: Province) -> Dossier:
    return pause_for_payment(desk, cast, province)


@pytest.fixture
def other_citizen(db: None) -> User:
    return create_account(
        actor=None,
        username="congdan2",
        password=PASSWORD,
        full_name="Lê Thị Bình",
        kind=AccountKind.CITIZEN,
        id_number="072090005678",
    )


def bank_params(payment: Payment, **overrides: str) -> dict[str, str]:
    """What the sandbox bank sends for `payment`, signed with its secret."""
    params = {
        "vnp_Amount": str(payment.amount_vnd * 100),
        "vnp_BankCode": "EGOVSANDBOX",
        "vnp_BankTranNo": "SBX00000042",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": "Thanh toan",
        "vnp_PayDate": "20260303090000",
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": TMN_CODE,
        "vnp_TransactionNo": "14000042",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": payment.txn_ref,
    }
    params.update(overrides)
    params["vnp_SecureHash"] = sign(params, sandbox_secret())
    return params
