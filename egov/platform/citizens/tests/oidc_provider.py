"""A minimal but real OpenID Connect provider for the tests, on loopback.

Built from authlib's server components on Flask: discovery document, JWKS,
an authorization endpoint that approves the configured test user at once,
and a token endpoint (client_secret_basic, PKCE required) that issues an
RS256-signed ID token with `nonce`, `sub`, `citizen_id` and `name`.

Two switches play a misbehaving or hostile provider: `forced_nonce` puts
another nonce in the ID token, `rogue_key` signs it with a key that is not
the published one (under the published key id).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Error, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from flask import Flask, jsonify, request
from joserfc.jwk import RSAKey
from werkzeug.serving import BaseWSGIServer, make_server

KEY_ID = "test-key-1"


@dataclass
class TestUser:
    sub: str
    claims: dict[str, Any]

    def get_user_id(self) -> str:
        return self.sub


@dataclass
class TestClient(ClientMixin):  # type: ignore[misc]
    client_id: str
    client_secret: str

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return None

    def get_allowed_scope(self, scope: str) -> str:
        allowed = {"openid", "profile", "email", "phone"}
        return " ".join(s for s in (scope or "").split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri.endswith("/tai-khoan/vneid/callback/")

    def check_client_secret(self, client_secret: str) -> bool:
        return client_secret == self.client_secret

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "client_secret_basic"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):  # type: ignore[misc]
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    user: TestUser
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time


class Provider:
    """The provider; `issuer` is its loopback address once started."""

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        claims: dict[str, Any],
        sub: str = "vneid-0001",
    ) -> None:
        self.client = TestClient(client_id, client_secret)
        self.user = TestUser(sub, claims)
        self.key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig"})
        self.rogue_key: RSAKey | None = None
        self.forced_nonce: str | None = None
        self.codes: dict[str, Code] = {}
        self.tokens_issued = 0
        # A provider following OIDC Core §5.4's default: the ID token carries
        # only `sub`, the claims come from the UserInfo endpoint.
        self.claims_in_userinfo_only = False
        self.userinfo_sub: str | None = None
        self.userinfo_calls = 0
        self.access_tokens: set[str] = set()
        self.issuer = ""
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self.app = self._build_app()

    # -- lifecycle --------------------------------------------------------------

    def start(self) -> Provider:
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.issuer = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # -- the Flask application ----------------------------------------------------

    def _build_app(self) -> Flask:
        app = Flask("egov-test-oidc")
        app.config["OAUTH2_TOKEN_EXPIRES_IN"] = {"authorization_code": 600}
        server = AuthorizationServer(
            app,
            query_client=lambda cid: self.client if cid == self.client.client_id else None,
            save_token=lambda token, request: self.access_tokens.add(token["access_token"]),
        )
        provider = self

        class CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic"]

            def save_authorization_code(self, code: str, request: Any) -> None:
                payload = request.payload
                provider.codes[code] = Code(
                    code=code,
                    client_id=request.client.client_id,
                    redirect_uri=payload.redirect_uri,
                    scope=request.scope,
                    nonce=payload.data.get("nonce"),
                    code_challenge=payload.data.get("code_challenge"),
                    code_challenge_method=payload.data.get("code_challenge_method"),
                    user=request.user,
                )

            def query_authorization_code(self, code: str, client: Any) -> Code | None:
                item = provider.codes.get(code)
                return item if item and item.client_id == client.client_id else None

            def delete_authorization_code(self, authorization_code: Code) -> None:
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code: Code) -> TestUser:
                return authorization_code.user

        class IdToken(OpenIDCode):  # type: ignore[misc]
            def resolve_client_private_key(self, client: Any) -> RSAKey:
                return provider.rogue_key or provider.key

            def get_client_claims(self, client: Any) -> dict[str, Any]:
                return {"iss": provider.issuer, "aud": [client.get_client_id()]}

            def get_encode_header(self, client: Any) -> dict[str, str]:
                return {"alg": "RS256", "kid": KEY_ID}

            def exists_nonce(self, nonce: str, request: Any) -> bool:
                return any(c.nonce == nonce for c in provider.codes.values())

            def generate_user_info(self, user: TestUser, scope: str) -> UserInfo:
                provider.tokens_issued += 1
                claims = {} if provider.claims_in_userinfo_only else user.claims
                info = UserInfo(sub=user.sub, **claims)
                if provider.forced_nonce is not None:
                    # Later keys win in the ID token: this replaces the nonce.
                    info["nonce"] = provider.forced_nonce
                return info

        server.register_grant(
            CodeGrant, [IdToken(require_nonce=True), CodeChallenge(required=True)]
        )

        @app.get("/.well-known/openid-configuration")
        def discovery() -> Any:
            return jsonify(
                issuer=provider.issuer,
                authorization_endpoint=provider.issuer + "/authorize",
                token_endpoint=provider.issuer + "/token",
                jwks_uri=provider.issuer + "/jwks",
                userinfo_endpoint=provider.issuer + "/userinfo",
                response_types_supported=["code"],
                subject_types_supported=["public"],
                id_token_signing_alg_values_supported=["RS256"],
                code_challenge_methods_supported=["S256"],
                token_endpoint_auth_methods_supported=["client_secret_basic"],
            )

        @app.get("/jwks")
        def jwks() -> Any:
            return jsonify(keys=[provider.key.as_dict(private=False)])

        @app.get("/authorize")
        def authorize() -> Any:
            # The test user has already logged in and consents at once.
            try:
                grant = server.get_consent_grant(end_user=provider.user)
            except OAuth2Error as error:
                return server.handle_error_response(None, error)
            return server.create_authorization_response(grant_user=provider.user, grant=grant)

        @app.post("/token")
        def token() -> Any:
            return server.create_token_response()

        @app.get("/userinfo")
        def userinfo() -> Any:
            provider.userinfo_calls += 1
            bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
            if bearer not in provider.access_tokens:
                return jsonify(error="invalid_token"), 401
            return jsonify(sub=provider.userinfo_sub or provider.user.sub, **provider.user.claims)

        return app
