"""VNPT SmartCA and Viettel MySign as loopback sandboxes, for the adapters'
tests (remote/smartca.py, remote/mysign.py).

Each speaks its service's JSON (the shapes in the adapters' docstrings) over
the state of RemoteSandbox: the same users and behaviours, the same
transactions, the same phone (confirm/refuse) and clock. They check the
platform's credentials as the services do, so a wrong secret is refused.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from collections.abc import Callable
from typing import Any

from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from .pki import LoopbackPKI
from .remote_sandbox import (
    HASHES,
    RemoteSandbox,
    RunningSandbox,
    SandboxUser,
    Transaction,
    _b64,
    _json,
    start_remote_sandbox,
)

CLIENT_ID = "egov-sandbox"
SECRET = "bi-mat-cua-nen-tang"  # noqa: S105 - the sandbox's own test secret
PROFILE_ID = "adss:ras:profile:001"
SHA256_OID = "2.16.840.1.101.3.4.2.1"


class SmartCASandbox(RemoteSandbox):
    def __post_init__(self) -> None:
        self.routes = Map(
            [
                Rule("/v1/credentials/get_certificate", endpoint="smartca_certificate"),
                Rule("/v1/signatures/sign", endpoint="smartca_sign"),
                Rule("/v1/signatures/sign/<tid>/status", endpoint="smartca_status"),
            ]
        )

    def _body(self, request: Request) -> dict[str, Any] | None:
        body = request.get_json(silent=True) or {}
        if body.get("sp_id") != CLIENT_ID or body.get("sp_password") != SECRET:
            return None
        return dict(body)

    def _smartca_certificate(self, request: Request) -> Response:
        body = self._body(request)
        if body is None:
            return _json({"status_code": 401, "message": "Sai thông tin SP", "data": None})
        user = self.users.get(str(body.get("user_id")))
        if user is None:
            return _json({"status_code": 404, "message": "Không tìm thấy thuê bao", "data": None})
        issuers = self.pki.chain(user.label)
        (root,) = [c for c in issuers if c.subject == c.issuer]
        (issuer,) = [c for c in issuers if c.subject != c.issuer]
        certificate = {
            "serial_number": format(self.pki.cert(user.label).serial_number, "x"),
            "cert_status": "Đang hoạt động",
            "cert_data": _b64(self.pki.cert(user.label).dump()),
            "chain_data": {"ca_cert": _b64(issuer.dump()), "root_cert": _b64(root.dump())},
        }
        return _json(
            {"status_code": 200, "message": "", "data": {"user_certificates": [certificate]}}
        )

    def _smartca_sign(self, request: Request) -> Response:
        body = self._body(request)
        if body is None:
            return _json({"status_code": 401, "message": "Sai thông tin SP", "data": None})
        user_ref = str(body.get("user_id"))
        (item,) = body["sign_files"]
        if user_ref not in self.users or item.get("sign_type") != "hash":
            return _json({"status_code": 400, "message": "Yêu cầu không hợp lệ", "data": None})
        digest = bytes.fromhex(item["data_to_be_signed"])
        tid = self._start(user_ref, digest, str(body.get("transaction_desc", "")))
        return _json({"status_code": 200, "message": "", "data": {"transaction_id": tid}})

    def _smartca_status(self, request: Request, tid: str) -> Response:
        if self._body(request) is None:
            return _json({"status_code": 401, "message": "Sai thông tin SP", "data": None})
        transaction = self._polled(tid)
        data: dict[str, Any] = {"transaction_id": tid, "signatures": None}
        if transaction.state == "signed":
            value = _b64(transaction.signature)
            data["signatures"] = [{"doc_id": "1", "signature_value": value}]
        if transaction.state == "refused":
            return _json({"status_code": 4002, "message": transaction.reason, "data": data})
        if transaction.state == "expired":
            return _json({"status_code": 4001, "message": "Hết hạn", "data": data})
        return _json({"status_code": 200, "message": "", "data": data})

    def _start(self, user_ref: str, digest: bytes, description: str) -> str:
        tid = secrets.token_hex(12)
        with self.lock:
            self.transactions[tid] = Transaction(
                user_ref=user_ref,
                digest=digest,
                algorithm="sha256",
                description=description,
                created=self.clock(),
            )
        return tid

    def _polled(self, tid: str) -> Transaction:
        with self.lock:
            transaction = self._transaction(tid)
            self._advance(transaction)
            return transaction


class MySignSandbox(SmartCASandbox):
    def __post_init__(self) -> None:
        self.routes = Map(
            [
                Rule("/vtss/service/ras/v1/login", endpoint="login"),
                Rule("/vtss/service/certificates/info", endpoint="info"),
                Rule("/vtss/service/signHash", endpoint="sign_hash"),
                Rule("/vtss/service/requests/status", endpoint="mysign_status"),
            ]
        )
        # access token → the user it was issued for.
        self.tokens: dict[str, str] = {}

    def _login(self, request: Request) -> Response:
        body = request.get_json(silent=True) or {}
        good = (body.get("client_id"), body.get("client_secret"), body.get("profile_id")) == (
            CLIENT_ID,
            SECRET,
            PROFILE_ID,
        )
        if not good:
            return _json({"error": "86024", "error_description": "Client secret is invalid"}, 401)
        if body.get("user_id") not in self.users:
            return _json({"error": "58008", "error_description": "User ID does not exist"}, 400)
        token = secrets.token_urlsafe(24)
        self.tokens[token] = str(body["user_id"])
        return _json({"access_token": token, "token_type": "Bearer", "expires_in": "3600"})

    def _user_of(self, request: Request) -> str | None:
        header = request.headers.get("Authorization", "")
        return self.tokens.get(header.removeprefix("Bearer "))

    def _info(self, request: Request) -> Response:
        user_ref = self._user_of(request)
        if user_ref is None:
            return _json({"error": "401", "error_description": "Unauthorized"}, 401)
        label = self.users[user_ref].label
        chain = [self.pki.cert(label), *self.pki.chain(label)]
        entry = {
            "credential_id": f"{user_ref}_cred",
            "cert": {"status": "valid", "certificates": [_b64(c.dump()) for c in chain]},
        }
        return Response(json.dumps([entry]), mimetype="application/json")

    def _sign_hash(self, request: Request) -> Response:
        user_ref = self._user_of(request)
        body = request.get_json(silent=True) or {}
        if user_ref is None or body.get("client_secret") != SECRET:
            return _json({"error": "401", "error_description": "Unauthorized"}, 401)
        if body.get("credentialID") != f"{user_ref}_cred" or body.get("hashAlgo") != SHA256_OID:
            return _json({"error": "400", "error_description": "Bad request"}, 400)
        (digest_b64,) = body["hash"]
        digest = base64.b64decode(digest_b64)
        if len(digest) != HASHES["sha256"]().digest_size:
            return _json({"error": "400", "error_description": "Bad hash"}, 400)
        description = base64.b64decode(str(body.get("description", ""))).decode()
        return _json({"transactionId": self._start(user_ref, digest, description)})

    def _mysign_status(self, request: Request) -> Response:
        if self._user_of(request) is None:
            return _json({"error": "401", "error_description": "Unauthorized"}, 401)
        body = request.get_json(silent=True) or {}
        transaction = self._polled(str(body.get("transactionId")))
        if transaction.state == "signed":
            # Viettel wraps its base64 in CRLF lines.
            value = _b64(transaction.signature)
            return _json({"status": "1", "signatures": [value[:64] + "\r\n" + value[64:]]})
        codes = {"pending": "4000", "refused": "4002", "expired": "4001"}
        return _json({"status": codes[transaction.state], "description": transaction.reason})


def start_vendor_sandbox(
    kind: type[SmartCASandbox],
    pki: LoopbackPKI,
    users: dict[str, SandboxUser],
    *,
    lifetime: float = 300.0,
    clock: Callable[[], float] = time.monotonic,
) -> RunningSandbox:
    return start_remote_sandbox(pki, users, lifetime=lifetime, clock=clock, kind=kind)
