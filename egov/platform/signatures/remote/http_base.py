"""The shared base of the HTTP remote-signing adapters (the sandbox's, VNPT SmartCA,
Viettel MySign): each adapter only says which paths it calls and how it reads the
answers.

What they share: the configured base URL, never left (every URL is the base plus
a fixed path whose variable parts are quoted or checked; redirects are not
followed); every failure a SigningError `signature.remote_unavailable` whose
detail never carries the request's body (the secret); the platform's secret at
the service read from the environment variable the deployment names, at each
call, never kept; transaction ids checked before they go into a URL; and
certificates and signatures read from base64.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from typing import Any, ClassVar, Self

import requests
from asn1crypto import x509

from ..config import SignatureConfig
from ..errors import SignatureErrorCode, SigningError
from .adapter import Status


class HttpRemoteAdapter:
    """An adapter speaking JSON over HTTP(S) to one remote signing service."""

    # The service's transaction ids, as they appear in its status URL.
    TRANSACTION_ID: ClassVar[re.Pattern[str]] = re.compile(r"[A-Za-z0-9_-]{1,128}")

    def __init__(
        self,
        url: str,
        *,
        client_id: str = "",
        secret_env: str = "",
        profile_id: str = "",
        timeout: float = 10.0,
    ) -> None:
        self.base_url = base_url(url)
        self.client_id = client_id
        self.secret_env = secret_env
        self.profile_id = profile_id
        self.timeout = timeout

    @classmethod
    def from_config(cls, config: SignatureConfig) -> Self:
        return cls(
            config.remote_signing_url,
            client_id=config.remote_client_id,
            secret_env=config.remote_secret_env,
            profile_id=config.remote_profile_id,
            timeout=config.network_timeout,
        )

    def __repr__(self) -> str:
        # Never the secret.
        account = f", client_id={self.client_id!r}" if self.client_id else ""
        return f"{type(self).__name__}({self.base_url!r}{account})"

    # What each adapter implements (adapter.RemoteSigningService), with its service's JSON.
    def certificate(self, user_ref: str) -> list[x509.Certificate]:
        raise NotImplementedError

    def request(self, user_ref: str, digest: bytes, algorithm: str, description: str) -> str:
        raise NotImplementedError

    def status(self, transaction_id: str, user_ref: str) -> Status:
        raise NotImplementedError

    def secret(self) -> str:
        return secret_from(self.secret_env)

    def post(self, path: str, body: dict[str, Any], *, token: str = "") -> Any:
        return post_json(self.base_url + path, body, timeout=self.timeout, token=token)

    def new_transaction(self, value: object) -> str:
        """The id a signing request answered: unusable means the service failed."""
        if not isinstance(value, str) or not self.TRANSACTION_ID.fullmatch(value):
            raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="bad transaction id")
        return value

    def known_transaction(self, value: str) -> str:
        """An id from the stored state, before it goes into a URL: unusable means the
        state was altered."""
        if not self.TRANSACTION_ID.fullmatch(value):
            raise SigningError(SignatureErrorCode.REMOTE_STATE_INVALID, detail="bad transaction id")
        return value


def base_url(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="no service URL")
    return url.rstrip("/")


def secret_from(env: str) -> str:
    """The platform's secret at the service, from the environment variable `env`."""
    value = os.environ.get(env, "") if env else ""
    if not value:
        raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail=f"no secret in ${env}")
    return value


def post_json(url: str, body: dict[str, Any], *, timeout: float, token: str = "") -> Any:
    """POST `body` as JSON and return the decoded answer."""
    return call_json("POST", url, timeout=timeout, token=token, json=body)


def call_json(method: str, url: str, *, timeout: float, token: str = "", **kwargs: Any) -> Any:
    """One request, its decoded JSON answer, or remote_unavailable (the service down,
    an HTTP error or a redirect, not JSON). The request's body never reaches the
    error's detail."""
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        response = requests.request(
            method, url, headers=headers, timeout=timeout, allow_redirects=False, **kwargs
        )
        response.raise_for_status()
        if response.status_code >= 300:
            raise SigningError(
                SignatureErrorCode.REMOTE_UNAVAILABLE,
                detail=f"HTTP {response.status_code} from {url}",
            )
        return response.json()
    except requests.HTTPError as error:
        status = error.response.status_code if error.response is not None else 0
        raise SigningError(
            SignatureErrorCode.REMOTE_UNAVAILABLE, detail=f"HTTP {status} from {url}"
        ) from error
    except (requests.RequestException, ValueError) as error:
        raise SigningError(
            SignatureErrorCode.REMOTE_UNAVAILABLE, detail=f"{type(error).__name__} from {url}"
        ) from error


def b64(value: object) -> bytes:
    if not isinstance(value, str):
        raise TypeError("not base64 text")
    # Some services wrap their base64 in CRLF lines (Viettel's signatures).
    return base64.b64decode("".join(value.split()), validate=True)


def b64text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def certificates(items: list[object]) -> list[x509.Certificate]:
    """DER certificates in base64, parsed now: a broken one fails here, not in pyHanko."""
    try:
        chain = [x509.Certificate.load(b64(item)) for item in items]
        for certificate in chain:
            certificate.native  # noqa: B018
    except (TypeError, ValueError, binascii.Error) as error:
        raise unreadable(error) from error
    if not chain:
        raise SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail="no certificate")
    return chain


def unreadable(error: Exception) -> SigningError:
    detail = f"unreadable answer: {type(error).__name__}"
    if isinstance(error, binascii.Error):
        detail = "unreadable answer: bad base64"
    return SigningError(SignatureErrorCode.REMOTE_UNAVAILABLE, detail=detail)
