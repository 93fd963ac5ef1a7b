"""OpenID Connect relying party, ready for the national identity (VNeID).

Authorization code flow with PKCE (S256), `state` against CSRF and `nonce`
against replayed ID tokens. The provider is found by discovery
(`<issuer>/.well-known/openid-configuration`); the ID token's signature is
checked with the provider's published keys (JWKS) and its claims (iss, aud,
exp, iat, sub, nonce, azp) before anything is written. Claims missing from the
ID token are read from the UserInfo endpoint (same `sub` required).

Settings: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ID_NUMBER_CLAIM
(default "citizen_id": VNeID's real claim name is not public), OIDC_SCOPES,
OIDC_PROVIDER_NAME. The login button shows only when the first three are set.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any

import requests
from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from egov.platform.citizens.errors import CitizenError
from egov.platform.core.errors import InvalidInput

logger = logging.getLogger(__name__)

HTTP_TIMEOUT = 10
SIGNING_ALGORITHMS = ["RS256", "PS256", "ES256"]
CLOCK_LEEWAY = 60


class OidcError(InvalidInput):
    """Anything wrong in the exchange with the provider; nothing is written."""


@dataclass(frozen=True)
class OidcConfig:
    issuer: str
    client_id: str
    client_secret: str
    id_number_claim: str
    scopes: str
    provider_name: str


def oidc_config() -> OidcConfig | None:
    issuer = str(getattr(settings, "OIDC_ISSUER", "") or "").rstrip("/")
    client_id = str(getattr(settings, "OIDC_CLIENT_ID", "") or "")
    client_secret = str(getattr(settings, "OIDC_CLIENT_SECRET", "") or "")
    if not (issuer and client_id and client_secret):
        return None
    return OidcConfig(
        issuer=issuer,
        client_id=client_id,
        client_secret=client_secret,
        id_number_claim=str(getattr(settings, "OIDC_ID_NUMBER_CLAIM", "") or "citizen_id"),
        scopes=str(getattr(settings, "OIDC_SCOPES", "") or "openid profile"),
        provider_name=str(getattr(settings, "OIDC_PROVIDER_NAME", "") or "VNeID"),
    )


def _unavailable() -> OidcError:
    return OidcError(
        CitizenError.OIDC_UNAVAILABLE,
        _("Không kết nối được với hệ thống định danh. Vui lòng thử lại sau."),
    )


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("OIDC request to %s failed: %s", url, exc)
        raise _unavailable() from exc
    if not isinstance(data, dict):
        raise _unavailable()
    return data


def discover(config: OidcConfig) -> dict[str, Any]:
    document = _get_json(config.issuer + "/.well-known/openid-configuration")
    # OpenID Connect Discovery 1.0 §4.3: the issuer must be exactly ours.
    if str(document.get("issuer", "")).rstrip("/") != config.issuer:
        logger.warning("OIDC discovery names issuer %r", document.get("issuer"))
        raise _unavailable()
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not document.get(key):
            raise _unavailable()
    return document


def _session(config: OidcConfig, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(
        client_id=config.client_id,
        client_secret=config.client_secret,
        scope=config.scopes,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
    )


def begin(config: OidcConfig, redirect_uri: str) -> tuple[str, dict[str, str]]:
    """The provider's authorization URL and what the session must keep."""
    document = discover(config)
    pending = {
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "verifier": secrets.token_urlsafe(64),
        "redirect_uri": redirect_uri,
    }
    url, _state = _session(config, redirect_uri).create_authorization_url(
        document["authorization_endpoint"],
        state=pending["state"],
        nonce=pending["nonce"],
        code_verifier=pending["verifier"],
    )
    return str(url), pending


def _bad_token() -> OidcError:
    return OidcError(
        CitizenError.OIDC_BAD_TOKEN, _("Kết quả xác thực từ hệ thống định danh không hợp lệ.")
    )


def finish(
    config: OidcConfig, pending: dict[str, str] | None, params: dict[str, str]
) -> dict[str, Any]:
    """Check the callback, exchange the code, verify the ID token; its claims."""
    if pending is None or not secrets.compare_digest(
        params.get("state", ""), pending.get("state", "")
    ):
        raise OidcError(
            CitizenError.OIDC_BAD_STATE,
            _("Phiên đăng nhập bằng định danh điện tử không hợp lệ hoặc đã hết hạn. Hãy thử lại."),
        )
    if params.get("error") or not params.get("code"):
        raise OidcError(
            CitizenError.OIDC_DENIED, _("Bạn chưa đồng ý đăng nhập bằng định danh điện tử.")
        )
    document = discover(config)
    try:
        token = _session(config, pending["redirect_uri"]).fetch_token(
            document["token_endpoint"],
            grant_type="authorization_code",
            code=params["code"],
            code_verifier=pending["verifier"],
            timeout=HTTP_TIMEOUT,
        )
    except Exception as exc:  # authlib raises its own errors and requests' ones
        logger.warning("OIDC token request failed: %s", exc)
        raise _unavailable() from exc
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise _bad_token()
    claims = verify_id_token(config, document, id_token, nonce=pending["nonce"])
    if claims.get(config.id_number_claim) or not document.get("userinfo_endpoint"):
        return claims
    # OpenID Connect Core 1.0 §5.4: claims asked for with scope values are by
    # default returned from the UserInfo endpoint, not in the ID token; a
    # provider that follows the default sends only `sub` there.
    userinfo = _userinfo(document["userinfo_endpoint"], str(token.get("access_token") or ""))
    # §5.3.2: the UserInfo `sub` must be the ID token's, or it is not used.
    if not secrets.compare_digest(str(userinfo.get("sub", "")), str(claims["sub"])):
        logger.warning("OIDC userinfo names another subject")
        raise _bad_token()
    # The verified ID token's claims win over the UserInfo answer.
    return {**userinfo, **claims}


def _userinfo(url: str, access_token: str) -> dict[str, Any]:
    if not access_token:
        raise _bad_token()
    try:
        response = requests.get(
            url, headers={"Authorization": f"Bearer {access_token}"}, timeout=HTTP_TIMEOUT
        )
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("OIDC userinfo request failed: %s", exc)
        raise _unavailable() from exc
    if not isinstance(data, dict):
        raise _bad_token()
    return data


def verify_id_token(
    config: OidcConfig, document: dict[str, Any], id_token: str, *, nonce: str
) -> dict[str, Any]:
    keys = KeySet.import_key_set(_get_json(str(document["jwks_uri"])))  # type: ignore[arg-type]
    try:
        decoded = jwt.decode(id_token, keys, algorithms=SIGNING_ALGORITHMS)
        claims = dict(decoded.claims)
        jwt.JWTClaimsRegistry(
            now=int(time.time()),
            leeway=CLOCK_LEEWAY,
            iss={"essential": True, "value": config.issuer},
            aud={"essential": True, "value": config.client_id},
            exp={"essential": True},
            iat={"essential": True},
            sub={"essential": True},
        ).validate(claims)
    except (JoseError, ValueError) as exc:
        logger.warning("OIDC ID token refused: %s", exc)
        raise _bad_token() from exc
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != config.client_id:
        raise _bad_token()
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OidcError(
            CitizenError.OIDC_BAD_NONCE,
            _("Kết quả xác thực không thuộc phiên đăng nhập này (nonce sai). Hãy thử lại."),
        )
    return claims
