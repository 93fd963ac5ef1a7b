"""Signing backends: where the private key lives, behind one interface.

Each backend opens a pyHanko `Signer` for the length of one signing and closes
what it opened (a PKCS#11 session, a decrypted key in memory) afterwards.
`sign_pdf` (signing.py) does not know which backend it holds. Remote signing
(VNPT SmartCA, Viettel MySign) is not a backend: the signer answers minutes
later, in another request, so it has its own two-step flow in remote/.
"""

from __future__ import annotations

from ..config import SignatureConfig
from ..errors import SignatureErrorCode, SigningError
from .base import SignerBackend
from .pkcs11 import Pkcs11Backend
from .server_key import ServerKeyBackend

__all__ = ["SignerBackend", "seal_backend"]


def seal_backend(config: SignatureConfig) -> SignerBackend:
    """The organisation's seal key as the deployment configures it: a slot of
    an HSM through PKCS#11 (`seal_pkcs11_token`, its PIN in the environment
    variable named by `seal_pin_env`), else a PKCS#12 file (`seal_pkcs12`, its
    passphrase in the variable named by `seal_passphrase_env`)."""
    if config.seal_pkcs11_token:
        if config.pkcs11_module is None or not config.seal_pkcs11_key or not config.seal_pin_env:
            raise SigningError(
                SignatureErrorCode.KEY_UNAVAILABLE,
                detail="seal_pkcs11_token needs pkcs11_module, seal_pkcs11_key and seal_pin_env",
            )
        return Pkcs11Backend(
            module=config.pkcs11_module,
            token_label=config.seal_pkcs11_token,
            key_label=config.seal_pkcs11_key,
            pin_env=config.seal_pin_env,
            ca_chain=config.extra_certs(),
        )
    return ServerKeyBackend.from_config(config)
