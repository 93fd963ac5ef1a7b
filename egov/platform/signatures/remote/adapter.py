"""The interface of a remote signing service, one adapter per service.

The three calls are what VNPT SmartCA offers (get certificate, sign a hash →
transaction id, poll status) and what the Cloud Signature Consortium API of
Viettel MySign reduces to (credentials info, signHash after the signer's
authorisation). A poll answers with one of four states; an adapter turns a
service that cannot be reached, or an answer it cannot read, into
SigningError `signature.remote_unavailable`, never into one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from asn1crypto import x509


@dataclass(frozen=True)
class Pending:
    """The signer has not answered yet."""


@dataclass(frozen=True)
class Signed:
    """The signer confirmed: the raw signature over the digest (PKCS#1 v1.5
    for RSA, DER for ECDSA), not a CMS container."""

    signature: bytes


@dataclass(frozen=True)
class Refused:
    """The signer refused on their phone; `reason` is the service's text."""

    reason: str


@dataclass(frozen=True)
class Expired:
    """The service gave up waiting for the signer."""


Status = Pending | Signed | Refused | Expired


class RemoteSigningService(Protocol):
    def certificate(self, user_ref: str) -> list[x509.Certificate]:
        """The signer's certificate first, then its issuers as the service
        holds them (they are embedded, and trusted only through the
        configured roots)."""

    def request(self, user_ref: str, digest: bytes, algorithm: str, description: str) -> str:
        """Ask the signer to sign `digest` (computed with `algorithm`, e.g.
        "sha256"); `description` is what their phone shows. Returns the
        service's transaction id."""

    def status(self, transaction_id: str, user_ref: str) -> Status:
        """Poll the transaction once; `user_ref` is the signer's account (a
        service may authenticate per signer, as MySign does)."""
