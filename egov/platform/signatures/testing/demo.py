"""Signing in `make demo`, without configuration: this site plays the CA and
the remote signing service, as it plays the bank (payments' sandbox).

`prepare_demo(directory, public_url)` (run by load_demo) makes the test PKI's
keys once in DATA_DIR/demo-signatures/ (pki.yml: a root, an intermediate, the
leader's and the organisation's certificates, OCSP, CRLs, a TSA), the root
certificate the demo trusts, the organisation's seal key as a PKCS#12 file
with a random passphrase (kept beside it, mode 0600), and settings.json, the
EGOV_SIGNATURES the demo uses. egov/settings.py reads that file when DEBUG is
on and the deployment configured no signatures; egov/urls.py then serves,
under /chu-ky-so/sandbox/ and in DEBUG only:

- pki/: certomancer's Animator (OCSP, CRLs, the timestamp authority), whose
  URLs the certificates name (the public URL at load time);
- ky-so-tu-xa/: the remote signing sandbox (testing/remote_sandbox.py); the
  demo leader's account confirms a few seconds after each request, as if on
  their phone.

The runserver process rebuilds the same certificates from the kept keys
(certomancer's output depends only on the keys and pki.yml's fixed dates), so
nothing but keys is stored. Never for production: anyone could sign as the
demo leader, and the trust anchor is a throw-away root.
"""

from __future__ import annotations

import json
import secrets
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto import x509
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel, CertomancerConfig
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .pki import ARCH, CONFIG, LoopbackPKI, write_keys
from .remote_sandbox import Behaviour, RemoteSandbox, SandboxUser

DIRECTORY_NAME = "demo-signatures"
SETTINGS_FILE = "settings.json"
PASSPHRASE_FILE = "seal-passphrase"  # noqa: S105 - a file name, not a secret
PASSPHRASE_ENV = "EGOV_DEMO_SEAL_PASSPHRASE"  # noqa: S105 - a variable name
PKI_PATH = "/chu-ky-so/sandbox/pki"
REMOTE_PATH = "/chu-ky-so/sandbox/ky-so-tu-xa"
# The demo leader's remote account and the certificate it signs with (pki.yml:
# named as the demo's leader); they confirm this many seconds after the request.
DEMO_ACCOUNTS = {"lanhdao": "demo-leader"}
# The certificate of the demo's organisation seal (the province's people's committee).
DEMO_SEAL = "demo-org"
CONFIRM_AFTER_SECONDS = 5.0
# The leader's box on the last page of a demo draft (EGOV_SIGNATURE_BOXES).
BOXES = {"*": [-1, 330, 90, 530, 190]}


def demo_directory() -> Path:
    return Path(
        getattr(settings, "EGOV_DEMO_SIGNATURES_DIR", Path(settings.DATA_DIR) / DIRECTORY_NAME)
    )


def _arch(directory: Path, public_url: str) -> LoopbackPKI:
    config = CertomancerConfig.from_file(
        str(CONFIG), key_search_dir=str(directory), external_url_prefix=public_url + PKI_PATH
    )
    arch = config.get_pki_arch(ArchLabel(ARCH))
    return LoopbackPKI(directory=directory, base_url=public_url + PKI_PATH, arch=arch)


def demo_certificate(directory: Path, public_url: str, label: str) -> x509.Certificate:
    """A certificate of the demo's CA, rebuilt from the kept keys (as runserver does)."""
    return _arch(directory, public_url.rstrip("/")).cert(label)


def prepare_demo(directory: Path, public_url: str) -> dict[str, Any]:
    """Keys (kept if present), root, seal key and settings.json; returns the settings."""
    public_url = public_url.rstrip("/")
    directory.mkdir(parents=True, exist_ok=True)
    write_keys(directory / "keys", keep=True)
    pki = _arch(directory, public_url)
    passphrase_file = directory / PASSPHRASE_FILE
    if not passphrase_file.exists():
        passphrase_file.write_text(secrets.token_urlsafe(24))
        passphrase_file.chmod(0o600)
    seal = directory / "org.p12"
    seal.write_bytes(pki.pkcs12(DEMO_SEAL, passphrase_file.read_text().encode()))
    seal.chmod(0o600)
    root = pki.root_path
    signatures = {
        "tsa_url": pki.tsa_url,
        "trusted_roots": [str(root)],
        "seal_pkcs12": str(seal),
        "seal_passphrase_env": PASSPHRASE_ENV,
        "remote_signing_url": public_url + REMOTE_PATH,
        "remote_wait": 300,
        "network_timeout": 10,
        # The demo's administrators may try the trusted roots page.
        "admin_roots": True,
    }
    (directory / SETTINGS_FILE).write_text(
        json.dumps({"public_url": public_url, "signatures": signatures, "boxes": BOXES})
    )
    return signatures


@cache
def _services() -> tuple[Animator, RemoteSandbox]:
    directory = demo_directory()
    stored = json.loads((directory / SETTINGS_FILE).read_text())
    pki = _arch(directory, str(stored["public_url"]))
    animator = Animator(AnimatorArchStore({pki.arch.arch_label: pki.arch}), with_web_ui=False)
    users = {
        account: SandboxUser(label, Behaviour.CONFIRM, delay=CONFIRM_AFTER_SECONDS)
        for account, label in DEMO_ACCOUNTS.items()
    }
    return animator, RemoteSandbox(pki=pki, users=users)


def _forward(app: Any, request: HttpRequest, prefix: str) -> HttpResponse:
    """Hand the request to a WSGI app mounted at `prefix` and return its answer."""
    environ = dict(request.META)
    environ["SCRIPT_NAME"] = prefix
    environ["PATH_INFO"] = request.path[len(prefix) :] or "/"
    body = request.body
    environ["wsgi.input"] = BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        answer["status"], answer["headers"] = status, headers
        return lambda data: None

    chunks = app(environ, start_response)
    try:
        content = b"".join(chunks)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    response = HttpResponse(content, status=int(str(answer["status"]).split(" ", 1)[0]))
    for name, value in answer["headers"]:
        if name.lower() not in ("content-length", "connection"):
            response[name] = value
    return response


@csrf_exempt
def pki_service(request: HttpRequest, rest: str = "") -> HttpResponse:
    """OCSP, CRLs and the timestamp authority of the demo's CA."""
    return _forward(_services()[0], request, PKI_PATH)


@csrf_exempt
def remote_service(request: HttpRequest, rest: str = "") -> HttpResponse:
    """The demo's remote signing service (the leader's phone confirms by itself)."""
    return _forward(_services()[1], request, REMOTE_PATH)
