"""Signing backends: where the private key lives, behind one interface.

Each backend opens a pyHanko `Signer` for the length of one signing and closes
what it opened (a PKCS#11 session, a decrypted key in memory) afterwards.
`sign_pdf` (signing.py) does not know which backend it holds. Remote signing
(VNPT SmartCA, Viettel MySign) is not a backend: the signer answers minutes
later, in another request, so it has its own two-step flow in remote/.
"""

from __future__ import annotations

from .base import SignerBackend

__all__ = ["SignerBackend"]
