"""What the adapters of the real services share: a JSON POST under the
configured base URL (no redirects followed, every failure a SigningError
`signature.remote_unavailable`), the service's secret from the environment,
and reading the certificates and signatures they send in base64."""

from __future__ import annotations

import base64
import binascii
import os
from typing import Any

import requests
from asn1crypto import x509

from ..errors import SignatureErrorCode, SigningError


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
    """POST `body` as JSON and return the decoded answer, or raise
    remote_unavailable (the service down, an HTTP error, not JSON). The
    request's body (holding the secret) never reaches the error's detail."""
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        response = requests.post(
            url, json=body, headers=headers, timeout=timeout, allow_redirects=False
        )
        response.raise_for_status()
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
    return SigningError(
        SignatureErrorCode.REMOTE_UNAVAILABLE, detail=f"unreadable answer: {type(error).__name__}"
    )
