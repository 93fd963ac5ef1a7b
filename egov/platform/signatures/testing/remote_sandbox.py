"""A remote signing service on loopback, for the demo and the tests.

It plays VNPT SmartCA or Viettel MySign with the loopback PKI's keys: it
hands out a user's certificate and chain, takes the digest to sign, and
answers polls as the signer's phone decides. Each user has a behaviour:

- CONFIRM: the signer confirms `delay` seconds after the request;
- PHONE: nothing happens until someone (a test, the demo page) confirms or
  refuses through /transactions/<id>/confirm or /refuse, as the phone would;
- REFUSE: the signer refuses;
- NEVER: no answer; the transaction expires after `lifetime` seconds;
- WRONG_KEY: the signer confirms but the service signs with another key (a
  broken service), which the platform must refuse to embed.

The JSON it speaks is remote/http_adapter.py's. Time comes from `clock`
(seconds), so a test moves it instead of sleeping.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

from .pki import LoopbackPKI, QuietHandler

HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
REFUSAL = "Người ký từ chối trên điện thoại."


class Behaviour(StrEnum):
    CONFIRM = "confirm"
    PHONE = "phone"
    REFUSE = "refuse"
    NEVER = "never"
    WRONG_KEY = "wrong_key"


@dataclass
class SandboxUser:
    """A signer's account: which PKI certificate it holds and how it answers."""

    label: str
    behaviour: Behaviour = Behaviour.CONFIRM
    delay: float = 0.0


@dataclass
class Transaction:
    user_ref: str
    digest: bytes
    algorithm: str
    description: str
    created: float
    state: str = "pending"
    signature: bytes = b""
    reason: str = ""


@dataclass
class RemoteSandbox:
    """The service's state and its WSGI app."""

    pki: LoopbackPKI
    users: dict[str, SandboxUser]
    # Seconds a transaction waits for the signer before it expires.
    lifetime: float = 300.0
    clock: Callable[[], float] = time.monotonic
    transactions: dict[str, Transaction] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.routes = Map(
            [
                Rule("/users/<user_ref>/certificates", endpoint="certificates", methods=["GET"]),
                Rule("/transactions", endpoint="request", methods=["POST"]),
                Rule("/transactions/<tid>", endpoint="status", methods=["GET"]),
                Rule("/transactions/<tid>/confirm", endpoint="confirm", methods=["POST"]),
                Rule("/transactions/<tid>/refuse", endpoint="refuse", methods=["POST"]),
            ]
        )

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        try:
            endpoint, args = self.routes.bind_to_environ(environ).match()
            response = getattr(self, f"_{endpoint}")(request, **args)
        except HTTPException as error:
            response = error.get_response()
        result: Iterable[bytes] = response(environ, start_response)
        return result

    # The phone, for a test or the demo page.
    def confirm(self, tid: str) -> None:
        with self.lock:
            self._decide(self._transaction(tid), confirmed=True)

    def refuse(self, tid: str, reason: str = REFUSAL) -> None:
        with self.lock:
            self._decide(self._transaction(tid), confirmed=False, reason=reason)

    def _certificates(self, request: Request, user_ref: str) -> Response:
        user = self._user(user_ref)
        chain = [self.pki.cert(user.label), *self.pki.chain(user.label)]
        return _json({"certificates": [_b64(certificate.dump()) for certificate in chain]})

    def _request(self, request: Request) -> Response:
        body = request.get_json(silent=True) or {}
        user_ref = str(body.get("user", ""))
        self._user(user_ref)
        algorithm = str(body.get("algorithm", ""))
        if algorithm not in HASHES:
            return _json({"error": "unsupported algorithm"}, 400)
        try:
            digest = base64.b64decode(str(body.get("digest", "")), validate=True)
        except ValueError:
            return _json({"error": "digest is not base64"}, 400)
        if len(digest) != HASHES[algorithm]().digest_size:
            return _json({"error": "digest has the wrong length"}, 400)
        tid = secrets.token_urlsafe(16)
        with self.lock:
            self.transactions[tid] = Transaction(
                user_ref=user_ref,
                digest=digest,
                algorithm=algorithm,
                description=str(body.get("description", "")),
                created=self.clock(),
            )
        return _json({"transaction_id": tid}, 201)

    def _status(self, request: Request, tid: str) -> Response:
        with self.lock:
            transaction = self._transaction(tid)
            self._advance(transaction)
            answer: dict[str, str] = {"status": transaction.state}
            if transaction.state == "signed":
                answer["signature"] = _b64(transaction.signature)
            if transaction.state == "refused":
                answer["reason"] = transaction.reason
        return _json(answer)

    def _confirm(self, request: Request, tid: str) -> Response:
        self.confirm(tid)
        return _json({"status": "ok"})

    def _refuse(self, request: Request, tid: str) -> Response:
        body = request.get_json(silent=True) or {}
        self.refuse(tid, str(body.get("reason", REFUSAL)))
        return _json({"status": "ok"})

    def _advance(self, transaction: Transaction) -> None:
        """What the signer did since the last poll, by their behaviour."""
        if transaction.state != "pending":
            return
        elapsed = self.clock() - transaction.created
        behaviour = self.users[transaction.user_ref].behaviour
        if behaviour == Behaviour.REFUSE:
            self._decide(transaction, confirmed=False, reason=REFUSAL)
        elif (
            behaviour in (Behaviour.CONFIRM, Behaviour.WRONG_KEY)
            and elapsed >= self.users[transaction.user_ref].delay
        ):
            self._decide(transaction, confirmed=True)
        if transaction.state == "pending" and elapsed >= self.lifetime:
            transaction.state = "expired"

    def _decide(self, transaction: Transaction, *, confirmed: bool, reason: str = "") -> None:
        if transaction.state != "pending":
            return
        if not confirmed:
            transaction.state, transaction.reason = "refused", reason
            return
        user = self.users[transaction.user_ref]
        label = user.label
        if user.behaviour == Behaviour.WRONG_KEY:
            label = "org" if label != "org" else "leader"
        transaction.signature = self._sign(label, transaction.digest, transaction.algorithm)
        transaction.state = "signed"

    def _sign(self, label: str, digest: bytes, algorithm: str) -> bytes:
        # The digest arrives already computed: sign it as a hash (Prehashed),
        # PKCS#1 v1.5, as the services' signHash does for RSA keys.
        key = serialization.load_pem_private_key(
            self.pki.key_path(label).read_bytes(), password=None
        )
        if not isinstance(key, rsa.RSAPrivateKey):
            raise TypeError("the test PKI's keys are RSA")
        return key.sign(digest, padding.PKCS1v15(), utils.Prehashed(HASHES[algorithm]()))

    def _user(self, user_ref: str) -> SandboxUser:
        user = self.users.get(user_ref)
        if user is None:
            raise NotFound()
        return user

    def _transaction(self, tid: str) -> Transaction:
        transaction = self.transactions.get(tid)
        if transaction is None:
            raise NotFound()
        return transaction


@dataclass
class RunningSandbox:
    sandbox: RemoteSandbox
    base_url: str
    server: BaseWSGIServer
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def start_remote_sandbox(
    pki: LoopbackPKI,
    users: dict[str, SandboxUser],
    *,
    lifetime: float = 300.0,
    clock: Callable[[], float] = time.monotonic,
    kind: type[RemoteSandbox] | None = None,
) -> RunningSandbox:
    """Serve a sandbox on 127.0.0.1 (a free port) from a daemon thread;
    `kind` a subclass speaking a real service's JSON (vendor_sandboxes.py)."""
    sandbox = (kind or RemoteSandbox)(pki=pki, users=users, lifetime=lifetime, clock=clock)
    server = make_server("127.0.0.1", 0, sandbox, threaded=True, request_handler=QuietHandler)
    name = type(sandbox).__name__
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    return RunningSandbox(
        sandbox=sandbox,
        base_url=f"http://127.0.0.1:{server.server_port}",
        server=server,
        thread=thread,
    )


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
