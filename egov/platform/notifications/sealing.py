"""Sealing the messages that carry a credential while they wait in an outbox.

A confirmation link, a password-reset link or an SMS code is a key to an
account for as long as it is valid. The outbox row holding it is sealed
(Fernet: AES-128-CBC with an HMAC-SHA256, from `cryptography`) with a key
derived from SECRET_KEY, so a copy of the database alone (a backup, a
replica, an administrator's screen) does not reveal it, and its body is
emptied once it is sent (outbox.py, sms.py). Changing SECRET_KEY makes the
unsent sealed rows unreadable: they are given up and the citizen asks again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from django.utils.crypto import salted_hmac

from egov.platform.outbox.contract import GiveUp

_KEY_SALT = "egov.notifications.sealing"


def _fernet() -> Fernet:
    # 32 bytes from SECRET_KEY (HMAC-SHA256 with this purpose's salt), as Fernet wants them.
    key = salted_hmac(_KEY_SALT, "outbox-key", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode("ascii")


def unseal(token: str) -> str:
    """The sealed text; GiveUp (never retried) if it cannot be opened."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as exc:
        raise GiveUp("the sealed message cannot be opened (SECRET_KEY changed?)") from exc
