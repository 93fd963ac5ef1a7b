"""A hardware token or HSM through PKCS#11 (the USB tokens officials carry).

The official types the PIN for each signing; it is handed to the token and
dropped, never logged or stored (the backend's repr leaves it out). A wrong
PIN is `signature.wrong_pin`, a token locked after too many wrong PINs
`signature.pin_locked`: the token counts the attempts, not the platform.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from asn1crypto import x509
from pkcs11 import exceptions as p11
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
from pyhanko.sign.signers import Signer

from ..errors import SignatureErrorCode, SigningError
from .base import SignerBackend


class Pkcs11Backend(SignerBackend):
    def __init__(
        self,
        *,
        module: Path,
        token_label: str,
        key_label: str,
        pin: str | None = None,
        pin_env: str = "",
        cert_label: str | None = None,
        ca_chain: Sequence[x509.Certificate] = (),
    ) -> None:
        """`pin`: typed by the official for this signing; `pin_env`: the NAME of
        the environment variable holding the PIN of the server's own slot (the
        organisation's seal key in an HSM), read only when the token is opened."""
        self.module = module
        self.token_label = token_label
        self.key_label = key_label
        self.cert_label = cert_label or key_label
        self.ca_chain = tuple(ca_chain)
        self._pin = pin
        self.pin_env = pin_env

    def __repr__(self) -> str:
        return (
            f"Pkcs11Backend(module={str(self.module)!r}, token_label={self.token_label!r}, "
            f"key_label={self.key_label!r})"
        )

    def _user_pin(self) -> str:
        if self._pin is not None:
            return self._pin
        pin = os.environ.get(self.pin_env) if self.pin_env else None
        if pin is None:
            raise SigningError(
                SignatureErrorCode.KEY_UNAVAILABLE,
                detail=f"environment variable {self.pin_env or '(none)'} is not set",
            )
        return pin

    @contextmanager
    def open(self) -> Iterator[Signer]:
        pin = self._user_pin()
        try:
            session = open_pkcs11_session(
                str(self.module),
                token_criteria=TokenCriteria(label=self.token_label),
                user_pin=pin,
            )
        except p11.PinIncorrect as error:
            raise SigningError(SignatureErrorCode.WRONG_PIN) from error
        except p11.PinLocked as error:
            raise SigningError(SignatureErrorCode.PIN_LOCKED) from error
        except (p11.PKCS11Error, OSError, RuntimeError) as error:
            raise SigningError(
                SignatureErrorCode.TOKEN_NOT_FOUND, detail=type(error).__name__
            ) from error
        try:
            # The tokens CAs hand out carry their chain; other_certs_to_pull=None
            # pulls every certificate on the token, and the configured
            # intermediates (ca_chain) fill in for a token that has none.
            signer = PKCS11Signer(
                session,
                cert_label=self.cert_label,
                key_label=self.key_label,
                ca_chain=self.ca_chain,
                other_certs_to_pull=None,
            )
            try:
                # Fetch the certificate now, so that a token without it fails
                # here, with a clear code, and not halfway through signing.
                signer.signing_cert  # noqa: B018
            except (p11.PKCS11Error, RuntimeError) as error:
                raise SigningError(SignatureErrorCode.TOKEN_NOT_FOUND, detail=str(error)) from error
            yield signer
        finally:
            session.close()
