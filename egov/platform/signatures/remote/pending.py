"""What is kept between starting a remote signing and finishing it.

The signer may take minutes to confirm, across requests, workers and
restarts, so nothing live is kept: the prepared document (the original plus
an incremental update with the signature dictionary and its empty /Contents),
where that reserved region lies, the document's digest, the signed
attributes whose digest was sent, the certificates, the transaction id and
the deadline. `to_json` gives text a caller stores anywhere (a model field,
a session); `from_json` refuses text whose MAC (HMAC-SHA256 keyed from
SECRET_KEY) does not match, and flow.py checks again, from the bytes
themselves, that the digest is the prepared document's and the signed
attributes commit to it: an altered state never gets a signature embedded.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asn1crypto import x509
from django.utils.crypto import constant_time_compare, salted_hmac

from ..errors import SignatureErrorCode, SigningError

MAC_SALT = "egov.platform.signatures.remote.pending"
VERSION = 1


@dataclass(frozen=True)
class PendingRemoteSignature:
    transaction_id: str
    user_ref: str
    field_name: str
    # The original PDF plus the incremental update holding the signature
    # dictionary; /Contents is zeros until the signature is filled in.
    prepared_pdf: bytes
    # The hex /Contents string, '<' to '>', outside the /ByteRange.
    reserved_region_start: int
    reserved_region_end: int
    document_digest: bytes
    md_algorithm: str
    # DER of the CMS signed attributes; their digest is what the signer signs.
    signed_attrs: bytes
    # DER, the signer's certificate first.
    certificates: tuple[bytes, ...]
    # After this the platform stops waiting (aware, UTC).
    expires_at: datetime

    def signing_certificate(self) -> x509.Certificate:
        return x509.Certificate.load(self.certificates[0])

    def chain(self) -> list[x509.Certificate]:
        return [x509.Certificate.load(der) for der in self.certificates[1:]]

    def byte_range_digest(self) -> bytes:
        """The digest of the prepared document outside the reserved region,
        recomputed from the bytes (pyHanko's /ByteRange covers exactly this)."""
        hasher = hashlib.new(self.md_algorithm)
        hasher.update(self.prepared_pdf[: self.reserved_region_start])
        hasher.update(self.prepared_pdf[self.reserved_region_end :])
        return hasher.digest()

    def to_json(self) -> str:
        payload = self._payload()
        payload["mac"] = _mac(payload)
        return json.dumps(payload, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PendingRemoteSignature:
        try:
            payload = json.loads(text)
            mac = payload.pop("mac")
            if not isinstance(mac, str) or not constant_time_compare(mac, _mac(payload)):
                raise SigningError(SignatureErrorCode.REMOTE_STATE_INVALID, detail="MAC mismatch")
            if payload["version"] != VERSION:
                raise SigningError(SignatureErrorCode.REMOTE_STATE_INVALID, detail="version")
            return cls(
                transaction_id=str(payload["transaction_id"]),
                user_ref=str(payload["user_ref"]),
                field_name=str(payload["field_name"]),
                prepared_pdf=_unb64(payload["prepared_pdf"]),
                reserved_region_start=int(payload["reserved_region_start"]),
                reserved_region_end=int(payload["reserved_region_end"]),
                document_digest=_unb64(payload["document_digest"]),
                md_algorithm=str(payload["md_algorithm"]),
                signed_attrs=_unb64(payload["signed_attrs"]),
                certificates=tuple(_unb64(item) for item in payload["certificates"]),
                expires_at=datetime.fromisoformat(payload["expires_at"]),
            )
        except SigningError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise SigningError(
                SignatureErrorCode.REMOTE_STATE_INVALID, detail=type(error).__name__
            ) from error

    def _payload(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "transaction_id": self.transaction_id,
            "user_ref": self.user_ref,
            "field_name": self.field_name,
            "prepared_pdf": _b64(self.prepared_pdf),
            "reserved_region_start": self.reserved_region_start,
            "reserved_region_end": self.reserved_region_end,
            "document_digest": _b64(self.document_digest),
            "md_algorithm": self.md_algorithm,
            "signed_attrs": _b64(self.signed_attrs),
            "certificates": [_b64(der) for der in self.certificates],
            "expires_at": self.expires_at.isoformat(),
        }


def _mac(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return salted_hmac(MAC_SALT, canonical, algorithm="sha256").hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object) -> bytes:
    if not isinstance(value, str):
        raise TypeError("not base64 text")
    return base64.b64decode(value, validate=True)
