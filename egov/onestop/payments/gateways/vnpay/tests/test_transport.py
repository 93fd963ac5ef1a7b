"""VNPAY 2.1.0 signing and verification against the documented algorithm.

The known vector is the example payment URL of VNPAY's integration guide
(sandbox.vnpayment.vn/apis/docs/huong-dan-tich-hop/): our canonical query must
be that URL's query byte for byte. Its hash needs VNPAY's secret for DEMOV210,
which is not public, so the pinned hash is that query's HMAC-SHA512 under our
test secret, computed independently with
`printf '%s' "$QUERY" | openssl dgst -sha512 -hmac EGOVTESTSECRETKEY0123456789ABCDE`.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pytest_django.fixtures import Settings

from egov.onestop.payments.gateways.base import Callback, Outcome, PaymentRequest, Refusal, Result
from egov.onestop.payments.gateways.vnpay.transport import (
    VnpayGateway,
    ascii_text,
    canonical_query,
    configured_gateway,
    has_valid_signature,
    sign,
)
from egov.platform.core.errors import Conflict

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SECRET = "EGOVTESTSECRETKEY0123456789ABCDE"
GUIDE_PARAMS = {
    "vnp_Amount": "1806000",
    "vnp_Command": "pay",
    "vnp_CreateDate": "20210801153333",
    "vnp_CurrCode": "VND",
    "vnp_IpAddr": "127.0.0.1",
    "vnp_Locale": "vn",
    "vnp_OrderInfo": "Thanh toan don hang :5",
    "vnp_OrderType": "other",
    "vnp_ReturnUrl": "https://domainmerchant.vn/ReturnUrl",
    "vnp_TmnCode": "DEMOV210",
    "vnp_TxnRef": "5",
    "vnp_Version": "2.1.0",
}
GUIDE_QUERY = (
    "vnp_Amount=1806000&vnp_Command=pay&vnp_CreateDate=20210801153333&vnp_CurrCode=VND"
    "&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+don+hang+%3A5"
    "&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl"
    "&vnp_TmnCode=DEMOV210&vnp_TxnRef=5&vnp_Version=2.1.0"
)
GUIDE_HASH = (
    "7a92e282551366f443156f6ad9575d0a3be51afd803a8e46106f1cc65c3b0a41"
    "b20f2e06106886c31658ebd7d57ee3aa650369d3bd11de2003c0cb59f97971f7"
)


def gateway() -> VnpayGateway:
    return VnpayGateway(
        name="vnpay", tmn_code="DEMOV210", hash_secret=SECRET, pay_url="https://pay.example/vpc"
    )


def callback_params(**overrides: str) -> dict[str, str]:
    params = {
        "vnp_Amount": "800000",
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": "VNP14271027",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": "Thanh toan phi",
        "vnp_PayDate": "20260303091500",
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": "DEMOV210",
        "vnp_TransactionNo": "14271027",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": "260303091200ABCD1234",
    }
    params.update(overrides)
    params["vnp_SecureHash"] = sign(params, SECRET)
    return params


def test_canonical_query_and_hash_match_the_documented_algorithm() -> None:
    # Given the parameters of the guide's example URL (shuffled on purpose)
    shuffled = dict(reversed(list(GUIDE_PARAMS.items())))
    # When they are written and signed
    query = canonical_query(shuffled)
    digest = sign(shuffled, SECRET)
    # Then the query is the guide's, and the hash the independent one
    assert query == GUIDE_QUERY
    assert digest == GUIDE_HASH
    assert has_valid_signature({**GUIDE_PARAMS, "vnp_SecureHash": GUIDE_HASH}, SECRET) is True
    # vnp_SecureHashType (sent before 2.1.0) is not part of what is signed
    with_type = {**GUIDE_PARAMS, "vnp_SecureHashType": "HmacSHA512", "vnp_SecureHash": GUIDE_HASH}
    assert has_valid_signature(with_type, SECRET) is True


def test_payment_url_carries_every_documented_parameter_signed() -> None:
    request = PaymentRequest(
        txn_ref="260302090000ABCD1234",
        amount_vnd=8000,
        order_info="Thanh toán phí, lệ phí hồ sơ 001.01.30.H53-260302-0001",
        return_url="http://127.0.0.1:8000/thanh-toan/ket-qua/",
        client_ip="10.0.0.7",
        created_at=datetime(2026, 3, 2, 2, 0, tzinfo=ZoneInfo("UTC")),
    )

    url = gateway().payment_url(request)

    query = (
        "vnp_Amount=800000&vnp_Command=pay&vnp_CreateDate=20260302090000&vnp_CurrCode=VND"
        "&vnp_ExpireDate=20260302091500&vnp_IpAddr=10.0.0.7&vnp_Locale=vn"
        "&vnp_OrderInfo=Thanh+toan+phi%2C+le+phi+ho+so+001.01.30.H53-260302-0001"
        "&vnp_OrderType=other&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A8000%2Fthanh-toan%2Fket-qua%2F"
        "&vnp_TmnCode=DEMOV210&vnp_TxnRef=260302090000ABCD1234&vnp_Version=2.1.0"
    )
    expected_hash = sign(gateway().request_params(request), SECRET)
    assert url == f"https://pay.example/vpc?{query}&vnp_SecureHash={expected_hash}"


def test_a_signed_success_callback_is_read() -> None:
    verified = gateway().verify(callback_params())

    assert verified == Callback(
        txn_ref="260303091200ABCD1234",
        amount_vnd=8000,
        result=Result.SUCCESS,
        response_code="00",
        gateway_txn_no="14271027",
        bank_txn_no="VNP14271027",
        paid_at=datetime(2026, 3, 3, 9, 15, tzinfo=VN),
    )


def test_upper_case_hash_is_accepted() -> None:
    params = callback_params()
    params["vnp_SecureHash"] = params["vnp_SecureHash"].upper()

    assert isinstance(gateway().verify(params), Callback)


@pytest.mark.parametrize(
    ("change", "reason", "outcome"),
    [
        ({"vnp_Amount": "80000000"}, "invalid_signature", Outcome.INVALID_SIGNATURE),
        ({"vnp_SecureHash": ""}, "invalid_signature", Outcome.INVALID_SIGNATURE),
        ({"vnp_ResponseCode": "24"}, "invalid_signature", Outcome.INVALID_SIGNATURE),
    ],
)
def test_tampered_callbacks_are_refused(
    change: dict[str, str], reason: str, outcome: Outcome
) -> None:
    # Given a signed callback altered after signing
    params = {**callback_params(), **change}

    verified = gateway().verify(params)

    assert verified == Refusal(reason, "260303091200ABCD1234", outcome)


def test_signed_but_wrong_merchant_or_amount_is_refused() -> None:
    other_merchant = gateway().verify(callback_params(vnp_TmnCode="OTHER001"))
    cents = gateway().verify(callback_params(vnp_Amount="800050"))

    assert other_merchant == Refusal("wrong_merchant", "260303091200ABCD1234")
    assert cents == Refusal("malformed_amount", "260303091200ABCD1234", Outcome.INVALID_AMOUNT)


def test_cancelled_and_failed_results() -> None:
    cancelled = gateway().verify(callback_params(vnp_ResponseCode="24", vnp_TransactionStatus="02"))
    failed = gateway().verify(callback_params(vnp_ResponseCode="51", vnp_TransactionStatus="02"))

    assert isinstance(cancelled, Callback)
    assert isinstance(failed, Callback)
    assert (cancelled.result, cancelled.paid_at) == (Result.CANCELLED, None)
    assert (failed.result, failed.response_code) == (Result.FAILED, "51")


def test_answers_follow_the_ipn_spec() -> None:
    answers = {outcome.value: gateway().answer(outcome) for outcome in Outcome}

    assert answers == {
        "confirmed": {"RspCode": "00", "Message": "Confirm Success"},
        "order_not_found": {"RspCode": "01", "Message": "Order not found"},
        "already_confirmed": {"RspCode": "02", "Message": "Order already confirmed"},
        "invalid_amount": {"RspCode": "04", "Message": "Invalid amount"},
        "invalid_signature": {"RspCode": "97", "Message": "Invalid signature"},
        "unknown_error": {"RspCode": "99", "Message": "Unknown error"},
    }


def test_order_info_is_folded_to_plain_ascii() -> None:
    assert ascii_text("Nộp nghĩa vụ tài chính hồ sơ Đ-01 (#5) ~ «x»") == (
        "Nop nghia vu tai chinh ho so D-01 5 x"
    )


def test_vnpay_needs_its_settings(settings: Settings) -> None:
    settings.VNPAY_TMN_CODE = ""
    settings.VNPAY_HASH_SECRET = ""

    with pytest.raises(Conflict) as error:
        configured_gateway()

    assert error.value.code == "payment_gateway_not_configured"


def test_vnpay_from_settings(settings: Settings) -> None:
    settings.VNPAY_TMN_CODE = "DEMOV210"
    settings.VNPAY_HASH_SECRET = SECRET

    configured = configured_gateway()

    assert (configured.name, configured.tmn_code, configured.pay_url) == (
        "vnpay",
        "DEMOV210",
        "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
    )
