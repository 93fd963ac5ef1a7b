"""The organisation's seal key, held by the server in a PKCS#12 file.

The passphrase comes from an environment variable whose NAME is configured
(`seal_passphrase_env`), so it is never in settings, in the database or in a
log line: this module reads it at the moment of signing and keeps it only as
long as the decryption takes (issue 12, security).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pyhanko.sign.signers import Signer, SimpleSigner

from ..config import SignatureConfig
from ..errors import SignatureErrorCode, SigningError
from .base import SignerBackend


class ServerKeyBackend(SignerBackend):
    def __init__(self, *, pkcs12_path: Path, passphrase_env: str) -> None:
        self.pkcs12_path = pkcs12_path
        self.passphrase_env = passphrase_env

    @classmethod
    def from_config(cls, config: SignatureConfig) -> ServerKeyBackend:
        if config.seal_pkcs12 is None or not config.seal_passphrase_env:
            raise SigningError(SignatureErrorCode.KEY_UNAVAILABLE, detail="no seal key configured")
        return cls(pkcs12_path=config.seal_pkcs12, passphrase_env=config.seal_passphrase_env)

    def __repr__(self) -> str:
        return f"ServerKeyBackend(pkcs12_path={str(self.pkcs12_path)!r})"

    @contextmanager
    def open(self) -> Iterator[Signer]:
        passphrase = os.environ.get(self.passphrase_env)
        if passphrase is None:
            raise SigningError(
                SignatureErrorCode.KEY_UNAVAILABLE,
                detail=f"environment variable {self.passphrase_env} is not set",
            )
        try:
            data = self.pkcs12_path.read_bytes()
        except OSError as error:
            raise SigningError(
                SignatureErrorCode.KEY_UNAVAILABLE, detail=f"cannot read {self.pkcs12_path}"
            ) from error
        try:
            signer = SimpleSigner.load_pkcs12_data(data, (), passphrase=passphrase.encode())
        except (ValueError, TypeError) as error:
            # cryptography says "Invalid password or PKCS12 data": the detail
            # names the file only, never what was tried.
            raise SigningError(
                SignatureErrorCode.KEY_UNAVAILABLE,
                detail=f"cannot decrypt {self.pkcs12_path.name}",
            ) from error
        yield signer
