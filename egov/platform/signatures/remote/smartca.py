"""The adapter of VNPT SmartCA's service-provider API.

The shapes follow VNPT's public integration samples (the SmartCA gateway,
sandbox https://rmgateway.vnptit.vn/sca/sp769, production
https://gwsca.vnpt.vn/sca/sp769); every call is a JSON POST carrying the
platform's `sp_id` and `sp_password`:

- `/v1/credentials/get_certificate` {user_id} → data.user_certificates[]:
  `serial_number`, `cert_data` (the signer's certificate, base64 DER) and
  `chain_data` (`ca_cert`, `root_cert`);
- `/v1/signatures/sign` {user_id, serial_number, transaction_id (ours),
  transaction_desc, sign_files: [{data_to_be_signed: the digest in hex,
  doc_id, file_type, sign_type: "hash"}]} → data.transaction_id (SmartCA's);
- `/v1/signatures/sign/{transaction_id}/status` → data.signatures[]
  (`doc_id`, `signature_value`: the raw signature, base64) once confirmed.

Unverified against VNPT's own document, so kept as data below: the codes a
status answer uses for a refusal and an expiry (the samples show only a
confirmation), and the name `chain_data`. The signer's account (`user_id`)
is SignerProfile.remote_account; a certificate's serial number is not kept:
the first active certificate of the account is used, as VNPT's samples do.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from asn1crypto import x509

from ..errors import SignatureErrorCode, SigningError
from .adapter import Expired, Pending, Refused, Signed, Status
from .http_base import HttpRemoteAdapter, b64, certificates, unreadable

OK = 200
# Status codes of a status answer (unverified, see the docstring).
WAITING = {OK}
REFUSED = {4002}
EXPIRED = {4001}


class SmartCAService(HttpRemoteAdapter):
    """`client_id` is SmartCA's `sp_id`; the secret its `sp_password`."""

    TRANSACTION_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")

    def certificate(self, user_ref: str) -> list[x509.Certificate]:
        data = self._data(
            "/v1/credentials/get_certificate",
            {"user_id": user_ref, "serial_number": "", "transaction_id": _our_id()},
        )
        try:
            first = data["user_certificates"][0]
            chain = first.get("chain_data") or {}
            items = [first["cert_data"], chain.get("ca_cert"), chain.get("root_cert")]
        except (KeyError, TypeError, IndexError, AttributeError) as error:
            raise unreadable(error) from error
        return certificates([item for item in items if item])

    def request(self, user_ref: str, digest: bytes, algorithm: str, description: str) -> str:
        data = self._data(
            "/v1/signatures/sign",
            {
                "user_id": user_ref,
                "serial_number": "",
                "transaction_id": _our_id(),
                "transaction_desc": description,
                "sign_files": [
                    {
                        "data_to_be_signed": digest.hex(),
                        "doc_id": digest.hex()[:32],
                        "file_type": "pdf",
                        "sign_type": "hash",
                    }
                ],
            },
        )
        return self.new_transaction(data.get("transaction_id") if isinstance(data, dict) else None)

    def status(self, transaction_id: str, user_ref: str) -> Status:
        path = f"/v1/signatures/sign/{self.known_transaction(transaction_id)}/status"
        answer = self._post(path, {})
        code = answer.get("status_code")
        if code in REFUSED:
            return Refused(str(answer.get("message", "")))
        if code in EXPIRED:
            return Expired()
        if code not in WAITING:
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail=f"status {code!r}")
        try:
            signatures = (answer.get("data") or {}).get("signatures")
            if not signatures:
                return Pending()
            return Signed(b64(signatures[0]["signature_value"]))
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
            raise unreadable(error) from error

    def _data(self, path: str, body: dict[str, Any]) -> Any:
        answer = self._post(path, body)
        if answer.get("status_code") != OK:
            raise SigningError(
                SignatureErrorCode.REMOTE_UNAVAILABLE,
                detail=f"status {answer.get('status_code')!r}: {answer.get('message', '')}"[:200],
            )
        return answer.get("data")

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        credentials = {"sp_id": self.client_id, "sp_password": self.secret()}
        answer = self.post(path, {**credentials, **body})
        if not isinstance(answer, dict):
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="unexpected answer")
        return answer


def _our_id() -> str:
    return secrets.token_hex(16)
