"""`make demo` signs out of the box: the site plays the CA (OCSP, CRLs, TSA)
and the remote signing service at its own URLs (testing/demo.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.remote.flow import finish_remote_signing, start_remote_signing
from egov.platform.signatures.remote.http_adapter import HttpRemoteSigningService
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing import demo
from egov.platform.signatures.validation import RevocationStatus, Verdict, validate_pdf

from .documents import plain_pdf

pytestmark = pytest.mark.urls("egov.platform.signatures.tests.demo_urlconf")


@pytest.fixture(name="demo_config")
def demo_config_fixture(
    live_server: LiveServer,
    tmp_path: Path,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[SignatureConfig]:
    settings.EGOV_DEMO_SIGNATURES_DIR = tmp_path
    monkeypatch.setattr(demo, "CONFIRM_AFTER_SECONDS", 0.0)
    demo._services.cache_clear()
    raw = demo.prepare_demo(demo.demo_directory(), live_server.url)
    passphrase = (demo.demo_directory() / demo.PASSPHRASE_FILE).read_text()
    monkeypatch.setenv(demo.PASSPHRASE_ENV, passphrase)
    yield SignatureConfig.from_mapping(raw)
    demo._services.cache_clear()


def test_prepare_writes_the_settings_and_keeps_its_keys(
    demo_config: SignatureConfig, live_server: LiveServer
) -> None:
    directory = demo.demo_directory()
    stored = json.loads((directory / demo.SETTINGS_FILE).read_text())
    key = (directory / "keys" / "demo-org.key.pem").read_bytes()

    demo.prepare_demo(directory, live_server.url)

    assert (directory / "keys" / "demo-org.key.pem").read_bytes() == key
    assert stored["signatures"]["tsa_url"] == (
        f"{live_server.url}/chu-ky-so/sandbox/pki/egov-test/tsa/tsa"
    )
    assert stored["signatures"]["remote_signing_url"] == (
        f"{live_server.url}/chu-ky-so/sandbox/ky-so-tu-xa"
    )
    assert stored["boxes"] == {"*": [-1, 330, 90, 530, 190]}
    assert oct(os.stat(directory / demo.PASSPHRASE_FILE).st_mode & 0o777) == "0o600"
    assert oct(os.stat(directory / "org.p12").st_mode & 0o777) == "0o600"


@pytest.mark.django_db(transaction=True)
def test_the_seal_key_signs_through_the_sites_own_tsa_and_ocsp(
    demo_config: SignatureConfig,
) -> None:
    signed = sign_pdf(
        plain_pdf(),
        ServerKeyBackend.from_config(demo_config),
        field_name="CoQuan",
        config=demo_config,
    )

    [report] = validate_pdf(signed, demo_config)
    assert (report.signer_name, report.verdict, report.revocation) == (
        "Ủy ban nhân dân tỉnh Tây Ninh",
        Verdict.VALID,
        RevocationStatus.GOOD,
    )


@pytest.mark.django_db(transaction=True)
def test_the_demo_leader_signs_remotely_and_the_phone_confirms_by_itself(
    demo_config: SignatureConfig,
) -> None:
    service = HttpRemoteSigningService.from_config(demo_config)
    pending = start_remote_signing(
        plain_pdf(),
        service,
        user_ref="lanhdao",
        field_name="LanhDao",
        description="Quyết định thử nghiệm",
        config=demo_config,
    )

    signed = finish_remote_signing(pending, service, config=demo_config)

    assert signed is not None
    [report] = validate_pdf(signed, demo_config)
    assert (report.signer_name, report.verdict) == ("Phạm Văn Hùng", Verdict.VALID)
