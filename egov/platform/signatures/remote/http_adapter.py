"""The HTTP adapter of the sandbox service (testing/remote_sandbox.py).

The real services (VNPT SmartCA, Viettel MySign) have adapters of their own
beside this one, on the same base (http_base.py), with their authentication;
the JSON here is the sandbox's, which needs no account.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from asn1crypto import x509

from ..errors import SignatureErrorCode, SigningError
from .adapter import Expired, Pending, Refused, Signed, Status
from .http_base import HttpRemoteAdapter, b64, b64text, call_json, certificates, unreadable


class HttpRemoteSigningService(HttpRemoteAdapter):
    def certificate(self, user_ref: str) -> list[x509.Certificate]:
        answer = self._call("GET", f"/users/{quote(user_ref, safe='')}/certificates")
        try:
            items = list(answer["certificates"])
        except (KeyError, TypeError) as error:
            raise unreadable(error) from error
        return certificates(items)

    def request(self, user_ref: str, digest: bytes, algorithm: str, description: str) -> str:
        answer = self._call(
            "POST",
            "/transactions",
            json={
                "user": user_ref,
                "digest": b64text(digest),
                "algorithm": algorithm,
                "description": description,
            },
        )
        return self.new_transaction(answer.get("transaction_id"))

    def status(self, transaction_id: str, user_ref: str = "") -> Status:
        answer = self._call("GET", f"/transactions/{self.known_transaction(transaction_id)}")
        try:
            state = answer["status"]
            if state == "pending":
                return Pending()
            if state == "signed":
                return Signed(b64(answer["signature"]))
            if state == "refused":
                return Refused(str(answer.get("reason", "")))
            if state == "expired":
                return Expired()
        except (KeyError, TypeError, ValueError) as error:
            raise unreadable(error) from error
        raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail=f"status {state!r}"[:100])

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        answer = call_json(method, self.base_url + path, timeout=self.timeout, **kwargs)
        if not isinstance(answer, dict):
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="unexpected answer")
        return answer
