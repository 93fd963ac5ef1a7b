"""VNPAY 2.1.0: the signed payment URL and the signed callbacks.

From VNPAY's public integration guide (sandbox.vnpayment.vn/apis/docs/
thanh-toan-pay/pay.html and huong-dan-tich-hop/) and its sample code:
- the payment URL is a GET to the pay URL with vnp_Version=2.1.0,
  vnp_Command=pay, vnp_TmnCode, vnp_Amount (the amount in đồng x 100),
  vnp_CurrCode=VND, vnp_TxnRef, vnp_OrderInfo (Vietnamese without diacritics),
  vnp_OrderType, vnp_ReturnUrl, vnp_IpAddr, vnp_CreateDate (yyyyMMddHHmmss,
  GMT+7), vnp_Locale=vn;
- the parameters are sorted by name and written name=value joined by "&",
  each value URL-encoded with spaces as "+" (PHP `urlencode`, Python
  `quote_plus`); vnp_SecureHash is the hex HMAC-SHA512 of that string keyed
  with the merchant's hash secret, appended last. Since 2.1.0
  vnp_SecureHashType is no longer sent, and is left out of the hash if present;
- the IPN (server to server, GET) and the return URL carry vnp_TmnCode,
  vnp_Amount, vnp_BankCode, vnp_BankTranNo, vnp_CardType, vnp_OrderInfo,
  vnp_PayDate, vnp_ResponseCode, vnp_TransactionNo, vnp_TransactionStatus,
  vnp_TxnRef and vnp_SecureHash; success is vnp_ResponseCode "00" and
  vnp_TransactionStatus "00"; "24" is the customer cancelling;
- the IPN is answered with JSON {"RspCode", "Message"}: 00 confirmed, 01
  order not found, 02 order already confirmed, 04 invalid amount, 97 invalid
  signature, 99 unknown error. The checks run in that guide's order:
  signature, order, amount, order still pending.

Not verified against VNPAY itself (no network here), only against the guide
and its samples:
- whether vnp_ExpireDate is mandatory in 2.1.0 (we send it: 15 minutes);
- PHP's `urlencode` writes "~" as %7E where `quote_plus` keeps "~"; our own
  values never contain "~" (order info is folded to plain ASCII), and a
  callback's values are re-encoded the way VNPAY's own Python sample does;
- whether VNPAY calls the IPN for a cancelled payment (we record it if so);
- the case of the hex digest in callbacks (compared case-insensitively);
- VNPAY's IPN source addresses: we do not filter by address, the signature
  is what we trust, and the address is logged.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from egov.onestop.payments.errors import PaymentError
from egov.onestop.payments.gateways.base import (
    ATTEMPT_LIFETIME,
    Callback,
    Gateway,
    Outcome,
    PaymentRequest,
    Refusal,
    Result,
)
from egov.platform.core.errors import Conflict

VERSION = "2.1.0"
# VNPAY's times are written in GMT+7 whatever the server's zone.
VN = ZoneInfo("Asia/Ho_Chi_Minh")
TIME_FORMAT = "%Y%m%d%H%M%S"
EXPIRES_AFTER = ATTEMPT_LIFETIME
DEFAULT_PAY_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
HASH_PARAM = "vnp_SecureHash"
_NOT_SIGNED = frozenset({HASH_PARAM, "vnp_SecureHashType"})

ANSWERS: dict[Outcome, tuple[str, str]] = {
    Outcome.CONFIRMED: ("00", "Confirm Success"),
    Outcome.ORDER_NOT_FOUND: ("01", "Order not found"),
    Outcome.ALREADY_CONFIRMED: ("02", "Order already confirmed"),
    Outcome.INVALID_AMOUNT: ("04", "Invalid amount"),
    Outcome.INVALID_SIGNATURE: ("97", "Invalid signature"),
    Outcome.UNKNOWN_ERROR: ("99", "Unknown error"),
}


def canonical_query(params: Mapping[str, str]) -> str:
    """Sorted name=quote_plus(value) pairs joined by "&": what is signed and sent."""
    return "&".join(f"{name}={quote_plus(str(params[name]))}" for name in sorted(params))


def sign(params: Mapping[str, str], secret: str) -> str:
    return hmac.new(secret.encode(), canonical_query(params).encode(), hashlib.sha512).hexdigest()


def signed_part(params: Mapping[str, str]) -> dict[str, str]:
    """The parameters covered by the hash: every vnp_* except the hash itself."""
    return {k: v for k, v in params.items() if k.startswith("vnp_") and k not in _NOT_SIGNED}


def has_valid_signature(params: Mapping[str, str], secret: str) -> bool:
    given = str(params.get(HASH_PARAM, "")).lower()
    expected = sign(signed_part(params), secret)
    # Constant time: a forger must not learn the hash byte by byte.
    return bool(given) and hmac.compare_digest(expected, given)


def signed_url(base: str, params: Mapping[str, str], secret: str) -> str:
    query = canonical_query(params)
    return f"{base}?{query}&{HASH_PARAM}={sign(params, secret)}"


def format_time(at: datetime) -> str:
    return at.astimezone(VN).strftime(TIME_FORMAT)


def parse_time(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=VN)
    except ValueError:
        return None


def ascii_text(text: str, limit: int = 255) -> str:
    """Vietnamese without diacritics and without symbols, as VNPAY asks."""
    text = text.replace("đ", "d").replace("Đ", "D")
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^A-Za-z0-9 .,:/-]", " ", bare).split())[:limit]


class VnpayGateway(Gateway):
    def __init__(self, *, name: str, tmn_code: str, hash_secret: str, pay_url: str) -> None:
        self.name = name
        self.tmn_code = tmn_code
        self.hash_secret = hash_secret
        self.pay_url = pay_url

    def request_params(self, request: PaymentRequest) -> dict[str, str]:
        return {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(request.amount_vnd * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": request.txn_ref,
            "vnp_OrderInfo": ascii_text(request.order_info),
            # VNPAY's category for goods that fit no other: public fees are "other".
            "vnp_OrderType": "other",
            "vnp_ReturnUrl": request.return_url,
            "vnp_IpAddr": request.client_ip,
            "vnp_CreateDate": format_time(request.created_at),
            "vnp_ExpireDate": format_time(request.created_at + EXPIRES_AFTER),
            "vnp_Locale": "vn",
        }

    def payment_url(self, request: PaymentRequest) -> str:
        return signed_url(self.pay_url, self.request_params(request), self.hash_secret)

    def verify(self, params: Mapping[str, str]) -> Callback | Refusal:
        txn_ref = str(params.get("vnp_TxnRef", ""))[:100]
        if not has_valid_signature(params, self.hash_secret):
            return Refusal("invalid_signature", txn_ref)
        if params.get("vnp_TmnCode") != self.tmn_code:
            return Refusal("wrong_merchant", txn_ref)
        amount = str(params.get("vnp_Amount", ""))
        if not amount.isdigit() or int(amount) % 100:
            return Refusal("malformed_amount", txn_ref, Outcome.INVALID_AMOUNT)
        response = str(params.get("vnp_ResponseCode", ""))
        status = str(params.get("vnp_TransactionStatus", ""))
        if response == "00" and status == "00":
            result = Result.SUCCESS
        elif response == "24":
            result = Result.CANCELLED
        else:
            result = Result.FAILED
        return Callback(
            txn_ref=txn_ref,
            amount_vnd=int(amount) // 100,
            result=result,
            response_code=response[:4],
            gateway_txn_no=str(params.get("vnp_TransactionNo", ""))[:40],
            bank_txn_no=str(params.get("vnp_BankTranNo", ""))[:255],
            paid_at=parse_time(str(params.get("vnp_PayDate", "")))
            if result is Result.SUCCESS
            else None,
        )

    def answer_code(self, outcome: Outcome) -> str:
        return ANSWERS[outcome][0]

    def answer(self, outcome: Outcome) -> dict[str, str]:
        code, message = ANSWERS[outcome]
        return {"RspCode": code, "Message": message}


def configured_gateway() -> VnpayGateway:
    tmn_code = str(getattr(settings, "VNPAY_TMN_CODE", ""))
    secret = str(getattr(settings, "VNPAY_HASH_SECRET", ""))
    if not tmn_code or not secret:
        raise Conflict(
            PaymentError.PAYMENT_GATEWAY_NOT_CONFIGURED,
            _("Cổng thanh toán chưa được cấu hình. Vui lòng liên hệ cơ quan giải quyết."),
        )
    return VnpayGateway(
        name="vnpay",
        tmn_code=tmn_code,
        hash_secret=secret,
        pay_url=str(getattr(settings, "VNPAY_PAY_URL", "") or DEFAULT_PAY_URL),
    )
