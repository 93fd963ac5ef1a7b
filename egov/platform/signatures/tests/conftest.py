"""The signature tests' test PKI (one per session, on loopback), the
deployment configuration pointing at it, keys and test documents.

Tests that need SoftHSM2 or poppler's pdfsig skip, saying which Debian
package is missing, on a machine without them; CI sets EGOV_REQUIRE_TOOLS=1
and then they fail instead (as in egov/platform/conversion/tests)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.testing.pki import LoopbackPKI, start_test_pki

PASSPHRASE = "mật-khẩu-con-dấu"
PASSPHRASE_ENV = "EGOV_TEST_SEAL_PASSPHRASE"


def require_tool(available: bool, packages: str) -> None:
    if available:
        return
    message = f"needs Debian packages {packages} (deploy/debian-packages.txt)"
    if os.environ.get("EGOV_REQUIRE_TOOLS", "") not in ("", "0"):
        pytest.fail(f"EGOV_REQUIRE_TOOLS is set but the tool is missing: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session", name="test_pki")
def test_pki_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoopbackPKI]:
    pki = start_test_pki(tmp_path_factory.mktemp("pki"))
    yield pki
    pki.stop()


@pytest.fixture(scope="session")
def config(test_pki: LoopbackPKI) -> SignatureConfig:
    return SignatureConfig(tsa_url=test_pki.tsa_url, trusted_roots=(test_pki.root_path,))


@pytest.fixture
def seal_passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    return PASSPHRASE


def key_backend(pki: LoopbackPKI, label: str) -> ServerKeyBackend:
    """A server-key backend over a PKCS#12 file made from the test PKI."""
    path = pki.directory / f"{label}.p12"
    if not path.exists():
        path.write_bytes(pki.pkcs12(label, PASSPHRASE.encode()))
    return ServerKeyBackend(pkcs12_path=path, passphrase_env=PASSPHRASE_ENV)


@pytest.fixture
def org_backend(test_pki: LoopbackPKI, seal_passphrase: str) -> ServerKeyBackend:
    return key_backend(test_pki, "org")


@pytest.fixture
def leader_key_backend(test_pki: LoopbackPKI, seal_passphrase: str) -> ServerKeyBackend:
    return key_backend(test_pki, "leader")


@pytest.fixture
def revoked_backend(test_pki: LoopbackPKI, seal_passphrase: str) -> ServerKeyBackend:
    return key_backend(test_pki, "revoked")


def tool_path(name: str) -> Path | None:
    from shutil import which

    found = which(name)
    return Path(found) if found else None
