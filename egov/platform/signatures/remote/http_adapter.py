"""The HTTP adapter of the sandbox service (testing/remote_sandbox.py).

A real service (VNPT SmartCA, Viettel MySign) gets an adapter of its own
beside this one, with its authentication; the JSON here is the sandbox's.
Every URL is the configured base URL plus a fixed path whose variable parts
are quoted (a user reference) or checked (a transaction id): whatever the
service answers, nothing outside the base URL is fetched, and redirects are
not followed.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any
from urllib.parse import quote

import requests
from asn1crypto import x509

from ..config import SignatureConfig
from ..errors import SignatureErrorCode, SigningError
from .adapter import Expired, Pending, Refused, Signed, Status

# The sandbox's ids; a service's are opaque tokens of the same alphabet.
TRANSACTION_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")


class HttpRemoteSigningService:
    def __init__(self, base_url: str, *, timeout: float = 10.0) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="no service URL")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    @classmethod
    def from_config(cls, config: SignatureConfig) -> HttpRemoteSigningService:
        return cls(config.remote_signing_url, timeout=config.network_timeout)

    def __repr__(self) -> str:
        return f"HttpRemoteSigningService({self.base_url!r})"

    def certificate(self, user_ref: str) -> list[x509.Certificate]:
        answer = self._call("GET", f"/users/{quote(user_ref, safe='')}/certificates")
        try:
            chain = [x509.Certificate.load(_b64(item)) for item in answer["certificates"]]
            # Parse now: a broken certificate fails here, not inside pyHanko.
            for certificate in chain:
                certificate.native  # noqa: B018
        except (KeyError, TypeError, ValueError) as error:
            raise _unreadable(error) from error
        if not chain:
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="no certificate")
        return chain

    def request(self, user_ref: str, digest: bytes, algorithm: str, description: str) -> str:
        answer = self._call(
            "POST",
            "/transactions",
            json={
                "user": user_ref,
                "digest": base64.b64encode(digest).decode(),
                "algorithm": algorithm,
                "description": description,
            },
        )
        transaction_id = answer.get("transaction_id")
        if not isinstance(transaction_id, str) or not TRANSACTION_ID.fullmatch(transaction_id):
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="bad transaction id")
        return transaction_id

    def status(self, transaction_id: str, user_ref: str = "") -> Status:
        if not TRANSACTION_ID.fullmatch(transaction_id):
            raise SigningError(SignatureErrorCode.REMOTE_STATE_INVALID, detail="bad transaction id")
        answer = self._call("GET", f"/transactions/{transaction_id}")
        try:
            state = answer["status"]
            if state == "pending":
                return Pending()
            if state == "signed":
                return Signed(_b64(answer["signature"]))
            if state == "refused":
                return Refused(str(answer.get("reason", "")))
            if state == "expired":
                return Expired()
        except (KeyError, TypeError, ValueError) as error:
            raise _unreadable(error) from error
        raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail=f"status {state!r}"[:100])

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = requests.request(
                method,
                self.base_url + path,
                timeout=self.timeout,
                allow_redirects=False,
                **kwargs,
            )
            response.raise_for_status()
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            raise SigningError(
                SignatureErrorCode.REMOTE_UNAVAILABLE,
                detail=f"{type(error).__name__}: {error}"[:300],
            ) from error
        if not isinstance(answer, dict) or response.status_code >= 300:
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="unexpected answer")
        return answer


def _b64(value: object) -> bytes:
    if not isinstance(value, str):
        raise TypeError("not base64 text")
    return base64.b64decode(value, validate=True)


def _unreadable(error: Exception) -> SigningError:
    detail = f"unreadable answer: {type(error).__name__}"
    if isinstance(error, binascii.Error):
        detail = "unreadable answer: bad base64"
    return SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail=detail)
