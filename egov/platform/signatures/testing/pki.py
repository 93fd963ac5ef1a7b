"""A throw-away PKI on loopback for the signature tests and the demo.

The certificates are described in pki.yml (certomancer); the keys are made
here, at run time, in a directory the caller owns, so no private key is ever
checked in. certomancer's Animator (a WSGI app) serves the CRLs, the OCSP
responder and the RFC 3161 timestamp authority on 127.0.0.1 from a werkzeug
server in a daemon thread: signing and validation run exactly as they would
against a real CA, without the internet.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import x509
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig, PKIArchitecture
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

CONFIG = Path(__file__).with_name("pki.yml")
ARCH = "egov-test"
KEY_LABELS = (
    "root",
    "interm",
    "interm-ocsp",
    "tsa",
    "leader",
    "org",
    "revoked",
    "expired",
    "revoked-later",
    "demo-leader",
    "demo-org",
)


@dataclass
class LoopbackPKI:
    """The running PKI: its URLs and its certificates, keys and PKCS#12 files."""

    directory: Path
    base_url: str
    arch: PKIArchitecture
    # None where another server serves the PKI (the demo: testing/demo.py).
    server: BaseWSGIServer | None = None
    thread: threading.Thread | None = None

    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/{ARCH}/tsa/tsa"

    @property
    def root_path(self) -> Path:
        """The root certificate in PEM, as a deployment configures its trust anchors."""
        path = self.directory / "root.cert.pem"
        if not path.exists():
            path.write_bytes(self.cert_pem("root"))
        return path

    def cert(self, label: str) -> x509.Certificate:
        certificate: x509.Certificate = self.arch.get_cert(CertLabel(label))
        return certificate

    def cert_pem(self, label: str) -> bytes:
        return _pem("CERTIFICATE", self.cert(label).dump())

    def chain(self, label: str) -> list[x509.Certificate]:
        """The issuers of a certificate, up to and including the root."""
        labels: Iterable[CertLabel] = self.arch.get_chain(CertLabel(label))
        return [self.cert(str(issuer)) for issuer in labels]

    def key_path(self, label: str) -> Path:
        return self.directory / "keys" / f"{label}.key.pem"

    def pkcs12(self, label: str, passphrase: bytes) -> bytes:
        """A PKCS#12 file with the key, the certificate and its chain."""
        packaged: bytes = self.arch.package_pkcs12(CertLabel(label), password=passphrase)
        return packaged

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        if self.thread is not None:
            self.thread.join(timeout=10)


def _pem(kind: str, der: bytes) -> bytes:
    from asn1crypto import pem

    armored: bytes = pem.armor(kind, der)
    return armored


def write_keys(keys: Path, *, keep: bool = False) -> None:
    """A fresh RSA key per label; with `keep`, a key already there stays (the demo)."""
    keys.mkdir(parents=True, exist_ok=True)
    for label in KEY_LABELS:
        if keep and (keys / f"{label}.key.pem").exists():
            continue
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path = keys / f"{label}.key.pem"
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        path.chmod(0o600)


class QuietHandler(WSGIRequestHandler):
    # Every OCSP and TSA request would otherwise print a line into the test output.
    def log(self, type: str, message: str, *args: Any) -> None:
        pass


class _LateApp:
    """The server must exist (to know its port) before the PKI is built with
    that port in its URLs; this WSGI app forwards to the Animator once it is."""

    def __init__(self) -> None:
        self.target: Animator | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.target is None:
            raise RuntimeError("the test PKI is not built yet")
        return self.target(environ, start_response)


def start_test_pki(directory: Path) -> LoopbackPKI:
    """Make the keys in `directory`, build the PKI and serve it on loopback."""
    write_keys(directory / "keys")
    app = _LateApp()
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    base_url = f"http://127.0.0.1:{server.server_port}"
    config = CertomancerConfig.from_file(
        str(CONFIG), key_search_dir=str(directory), external_url_prefix=base_url
    )
    arch = config.get_pki_arch(ArchLabel(ARCH))
    app.target = Animator(AnimatorArchStore({arch.arch_label: arch}), with_web_ui=False)
    thread = threading.Thread(target=server.serve_forever, name="test-pki", daemon=True)
    thread.start()
    return LoopbackPKI(
        directory=directory, base_url=base_url, arch=arch, server=server, thread=thread
    )
