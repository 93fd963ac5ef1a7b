"""The sandbox bank: VNPAY's protocol with this server playing VNPAY.

`sandbox_gateway()` is the merchant side: the VNPAY gateway with its pay URL
pointing at our own /thanh-toan/sandbox-bank/ and a sandbox secret derived
from SECRET_KEY. The rest is the bank side: it checks the signed redirect
exactly as VNPAY would, keeps its own ledger (`SandboxBankTransaction`), calls
our IPN endpoint over HTTP, and signs the parameters of the return redirect.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import requests
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.payments.gateways.base import public_url
from egov.onestop.payments.gateways.vnpay.transport import (
    HASH_PARAM,
    VERSION,
    VnpayGateway,
    format_time,
    has_valid_signature,
    parse_time,
    sign,
)
from egov.onestop.payments.models import SandboxBankTransaction, SandboxStatus

logger = logging.getLogger(__name__)

TMN_CODE = "EGOVSBX1"
BANK_CODE = "EGOVSANDBOX"
# The IPN answers the bank accepts as "the merchant has it"; others are retried.
SETTLED_ANSWERS = frozenset({"00", "02"})
IPN_TIMEOUT_SECONDS = 5


def sandbox_secret() -> str:
    """The sandbox's hash secret: private to this deployment, never configured."""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"egov.payments.sandbox", hashlib.sha256
    ).hexdigest()


def sandbox_gateway() -> VnpayGateway:
    return VnpayGateway(
        name="sandbox",
        tmn_code=TMN_CODE,
        hash_secret=sandbox_secret(),
        pay_url=public_url(reverse("payments:sandbox_bank")),
    )


@dataclass(frozen=True)
class Order:
    """A payment order the bank received and checked."""

    txn_ref: str
    amount: int  # in đồng x 100, as VNPAY counts
    order_info: str
    return_url: str
    expires_at: datetime | None
    params: dict[str, str]

    @property
    def amount_vnd(self) -> int:
        return self.amount // 100


class BankError(Exception):
    """The bank refuses the order; the message is shown on its page."""


def read_order(params: Mapping[str, str]) -> Order:
    """Check a signed payment redirect the way VNPAY's pay URL does."""
    signed = {k: str(v) for k, v in params.items() if k.startswith("vnp_")}
    if not has_valid_signature(signed, sandbox_secret()):
        raise BankError(_("Sai chữ ký: yêu cầu thanh toán không hợp lệ."))
    if (
        signed.get("vnp_TmnCode") != TMN_CODE
        or signed.get("vnp_Version") != VERSION
        or signed.get("vnp_Command") != "pay"
        or signed.get("vnp_CurrCode") != "VND"
    ):
        raise BankError(_("Yêu cầu thanh toán không đúng định dạng."))
    amount = signed.get("vnp_Amount", "")
    if not amount.isdigit() or int(amount) <= 0 or not signed.get("vnp_ReturnUrl"):
        raise BankError(_("Yêu cầu thanh toán không đúng định dạng."))
    expires_at = parse_time(signed.get("vnp_ExpireDate", ""))
    if expires_at is not None and expires_at < timezone.now():
        raise BankError(_("Giao dịch đã quá thời gian chờ thanh toán."))
    return Order(
        txn_ref=signed.get("vnp_TxnRef", ""),
        amount=int(amount),
        order_info=signed.get("vnp_OrderInfo", ""),
        return_url=signed["vnp_ReturnUrl"],
        expires_at=expires_at,
        params=signed,
    )


def decide(order: Order, *, pay: bool) -> SandboxBankTransaction:
    """Record the bank's decision once; a second click finds the first one."""
    try:
        with transaction.atomic():
            return SandboxBankTransaction.objects.create(
                tmn_code=TMN_CODE,
                txn_ref=order.txn_ref,
                amount=order.amount,
                status=SandboxStatus.PAID if pay else SandboxStatus.CANCELLED,
            )
    except IntegrityError:
        return SandboxBankTransaction.objects.get(tmn_code=TMN_CODE, txn_ref=order.txn_ref)


def result_params(bank_txn: SandboxBankTransaction, order: Order) -> dict[str, str]:
    """The signed parameters of the IPN call and of the return redirect."""
    paid = bank_txn.status == SandboxStatus.PAID
    params = {
        "vnp_Amount": str(bank_txn.amount),
        "vnp_BankCode": BANK_CODE,
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": order.order_info,
        "vnp_PayDate": format_time(bank_txn.decided_at),
        "vnp_ResponseCode": "00" if paid else "24",
        "vnp_TmnCode": TMN_CODE,
        "vnp_TransactionNo": bank_txn.transaction_no if paid else "0",
        "vnp_TransactionStatus": "00" if paid else "02",
        "vnp_TxnRef": bank_txn.txn_ref,
    }
    if paid:
        params["vnp_BankTranNo"] = bank_txn.bank_tran_no
    params[HASH_PARAM] = sign(params, sandbox_secret())
    return params


def notify_merchant(bank_txn: SandboxBankTransaction, params: Mapping[str, str]) -> str:
    """Call the merchant's IPN endpoint server to server; returns its RspCode.

    Runs after the bank's own transaction committed and outside any of ours:
    the IPN handler, served by another thread, must be able to lock and write.
    """
    if connection.in_atomic_block:
        raise RuntimeError("the sandbox bank must call the IPN outside any transaction")
    if bank_txn.ipn_answer in SETTLED_ANSWERS:
        return bank_txn.ipn_answer
    answer = ""
    try:
        response = requests.get(
            public_url(reverse("payments:ipn")), params=dict(params), timeout=IPN_TIMEOUT_SECONDS
        )
        answer = str(response.json().get("RspCode", ""))[:4]
    except (requests.RequestException, ValueError, AttributeError):
        logger.warning("sandbox bank: IPN call for %s failed", bank_txn.txn_ref, exc_info=True)
    SandboxBankTransaction.objects.filter(pk=bank_txn.pk).update(ipn_answer=answer)
    return answer
