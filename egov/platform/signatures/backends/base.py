"""The interface every signing backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager

from pyhanko.sign.signers import Signer


class SignerBackend(ABC):
    """A source of one pyHanko Signer at a time.

    `open()` is a context manager: the key is reachable only inside the
    `with` block, and a failure to reach it (a wrong PIN, a missing
    passphrase) raises SigningError before any PDF is touched.
    """

    @abstractmethod
    def open(self) -> AbstractContextManager[Signer]:
        """Open the key and yield a Signer; close everything on exit."""
