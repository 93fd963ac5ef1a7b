"""Signing backends: where the private key lives, behind one interface.

Each backend opens a pyHanko `Signer` for the length of one signing and closes
what it opened (a PKCS#11 session, a decrypted key in memory) afterwards.
`sign_pdf` (signing.py) does not know which backend it holds, so a later
remote backend (VNPT SmartCA, Viettel MySign) plugs in beside these.
"""

from __future__ import annotations

from .base import SignerBackend

__all__ = ["SignerBackend"]
