"""The adapter of Viettel MySign's remote signing gateway.

The shapes follow Viettel's public integration samples (gateway
https://remotesigning.viettel.vn): JSON POSTs, the platform identified by
`client_id`, `client_secret` and its RAS `profile_id`, the signer by their
MySign `user_id`:

- `/vtss/service/ras/v1/login` {client_id, client_secret, profile_id,
  user_id} → `access_token`, bound to that user; the calls below carry it
  as a Bearer token (a new one per call: they are minutes apart);
- `/vtss/service/certificates/info` → one entry per credential:
  `credential_id`, `cert.certificates` (the chain, base64 DER, the signer's
  first), `cert.status`;
- `/vtss/service/signHash` {credentialID, numSignatures: 1, documents,
  hash: [base64], hashAlgo and signAlgo as OIDs, description in base64,
  async: 1} → `transactionId`;
- `/vtss/service/requests/status` {transactionId} → `status`: "1" with
  `signatures` (raw, base64), "4000" or "6000" while waiting, "4001" expired,
  "4002" refused; anything else is the service's failure.

MySign signs SHA-256 digests only; the signer's first valid credential is used.
"""

from __future__ import annotations

import base64
import re

from asn1crypto import x509

from ..errors import SignatureErrorCode, SigningError
from .adapter import Expired, Pending, Refused, Signed, Status
from .http_base import HttpRemoteAdapter, b64, b64text, certificates, unreadable

HASH_OIDS = {"sha256": "2.16.840.1.101.3.4.2.1"}
RSA_OID = "1.2.840.113549.1.1.1"
SIGNED = "1"
WAITING = {"4000", "6000"}
EXPIRED = "4001"
REFUSED = "4002"
# What MySign accepts in description and document_name once base64-encoded.
MAX_B64 = 99


class MySignService(HttpRemoteAdapter):
    """`client_id` and `profile_id` are the platform's at MySign; the secret its
    `client_secret`."""

    TRANSACTION_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")

    def certificate(self, user_ref: str) -> list[x509.Certificate]:
        return certificates(self._credential(user_ref, self._login(user_ref))[1])

    def request(self, user_ref: str, digest: bytes, algorithm: str, description: str) -> str:
        if algorithm not in HASH_OIDS:
            raise SigningError(SignatureErrorCode.SIGNING_FAILED, detail=f"MySign: {algorithm}")
        token = self._login(user_ref)
        credential_id, _chain = self._credential(user_ref, token)
        answer = self.post(
            "/vtss/service/signHash",
            {
                **self._client(),
                "credentialID": credential_id,
                "numSignatures": 1,
                "description": _short_b64(description),
                "documents": [
                    {"document_id": digest.hex()[:32], "document_name": _short_b64(description)}
                ],
                "hash": [b64text(digest)],
                "hashAlgo": HASH_OIDS[algorithm],
                "signAlgo": RSA_OID,
                "async": 1,
            },
            token=token,
        )
        return self.new_transaction(
            answer.get("transactionId") if isinstance(answer, dict) else None
        )

    def status(self, transaction_id: str, user_ref: str) -> Status:
        answer = self.post(
            "/vtss/service/requests/status",
            {"transactionId": self.known_transaction(transaction_id)},
            token=self._login(user_ref),
        )
        if not isinstance(answer, dict):
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="unexpected answer")
        code = str(answer.get("status", ""))
        if code in WAITING:
            return Pending()
        if code == REFUSED:
            return Refused(str(answer.get("description", "")))
        if code == EXPIRED:
            return Expired()
        if code != SIGNED:
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail=f"status {code!r}")
        try:
            return Signed(b64(answer["signatures"][0]))
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise unreadable(error) from error

    def _client(self) -> dict[str, str]:
        return {"client_id": self.client_id, "client_secret": self.secret()}

    def _login(self, user_ref: str) -> str:
        answer = self.post(
            "/vtss/service/ras/v1/login",
            {**self._client(), "profile_id": self.profile_id, "user_id": user_ref},
        )
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token:
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="login refused")
        return token

    def _credential(self, user_ref: str, token: str) -> tuple[str, list[object]]:
        answer = self.post(
            "/vtss/service/certificates/info",
            {
                **self._client(),
                "profile_id": self.profile_id,
                "user_id": user_ref,
                "certificates": "chain",
                "certInfo": True,
                "authInfo": True,
            },
            token=token,
        )
        try:
            for item in answer:
                if item["cert"]["status"] == "valid":
                    return str(item["credential_id"]), list(item["cert"]["certificates"])
        except (KeyError, TypeError) as error:
            raise unreadable(error) from error
        raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="no valid credential")


def _short_b64(text: str) -> str:
    """MySign takes names and descriptions as base64 of UTF-8, under 100 characters."""
    data = text.encode()
    while len(base64.b64encode(data)) > MAX_B64:
        data = data[:-1]
    # Cut on a character boundary.
    encoded = data.decode(errors="ignore").encode()
    return base64.b64encode(encoded).decode("ascii")
