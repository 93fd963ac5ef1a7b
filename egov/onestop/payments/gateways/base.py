"""What a payment gateway must do for us: redirect out, verify what comes back.

A gateway of the redirect-and-callback kind (VNPAY, and its sandbox here)
works in three moves:
1. we build a signed URL and send the citizen's browser there (`payment_url`);
2. the gateway calls our IPN endpoint server to server with a signed result;
   `verify` turns those parameters into a `Callback` or a `Refusal`, and
   `answer` turns our decision into the reply the gateway expects;
3. the gateway sends the browser back to our return URL with the same kind of
   signed parameters; that page only shows them (`verify` again).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings


def public_url(path: str) -> str:
    """An absolute URL of this site, as the gateway and the citizen reach it.

    Here and not in the package's __init__: that module picks a gateway by
    importing it, and the gateways need this.
    """
    return str(getattr(settings, "PUBLIC_URL", "http://127.0.0.1:8000")).rstrip("/") + path


class Outcome(StrEnum):
    """Our decision on a callback; each gateway maps it to its own reply code."""

    CONFIRMED = "confirmed"
    INVALID_SIGNATURE = "invalid_signature"
    ORDER_NOT_FOUND = "order_not_found"
    INVALID_AMOUNT = "invalid_amount"
    ALREADY_CONFIRMED = "already_confirmed"
    UNKNOWN_ERROR = "unknown_error"


class Result(StrEnum):
    """What the gateway says happened to the money."""

    SUCCESS = "success"
    CANCELLED = "cancelled"
    FAILED = "failed"


@dataclass(frozen=True)
class PaymentRequest:
    txn_ref: str
    amount_vnd: int
    # ASCII text shown at the gateway (VNPAY: Vietnamese without diacritics).
    order_info: str
    return_url: str
    client_ip: str
    created_at: datetime


@dataclass(frozen=True)
class Callback:
    """A callback whose signature checked out."""

    txn_ref: str
    amount_vnd: int
    result: Result
    response_code: str
    gateway_txn_no: str
    bank_txn_no: str
    paid_at: datetime | None


# How long a gateway takes a payment after it was started (VNPAY's
# vnp_ExpireDate); a pending attempt older than this was abandoned.
ATTEMPT_LIFETIME = timedelta(minutes=15)


@dataclass(frozen=True)
class Refusal:
    """A callback we cannot trust; `reason` is a stable snake_case code."""

    reason: str
    txn_ref: str = ""
    outcome: Outcome = Outcome.INVALID_SIGNATURE


class Gateway(ABC):
    name: str

    @abstractmethod
    def payment_url(self, request: PaymentRequest) -> str:
        """The signed URL the citizen's browser is sent to."""

    @abstractmethod
    def verify(self, params: Mapping[str, str]) -> Callback | Refusal:
        """Check the signature and read the result of a callback or a return."""

    @abstractmethod
    def answer(self, outcome: Outcome) -> dict[str, str]:
        """The body our IPN endpoint returns for `outcome`."""

    @abstractmethod
    def answer_code(self, outcome: Outcome) -> str:
        """The gateway's code for `outcome` (kept in the callback log)."""
