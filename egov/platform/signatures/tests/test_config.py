"""The deployment's EGOV_SIGNATURES setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django.fixtures import Settings

from egov.platform.signatures.backends import seal_backend
from egov.platform.signatures.backends.pkcs11 import Pkcs11Backend
from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import (
    Level,
    Revocation,
    SignatureConfig,
    require_config,
    signature_config,
)
from egov.platform.signatures.errors import SignatureErrorCode, SigningError
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.validation import validate_pdf

SETTING = {
    "tsa_url": "http://127.0.0.1:8080/tsa",
    "trusted_roots": ["/etc/egov/roots/national.pem", "/etc/egov/roots/government.cer"],
    "level": "B-LTA",
    "revocation": "embedded",
    "seal_pkcs12": "/etc/egov/seal.p12",
    "seal_passphrase_env": "EGOV_SEAL_PASSPHRASE",
    "remote_signing_url": "https://remote-signing.example.vn/api",
    "remote_wait": 180,
}


def test_absent_by_default_so_signing_is_unavailable(settings: Settings) -> None:
    del settings.EGOV_SIGNATURES

    assert signature_config() is None
    with pytest.raises(SigningError) as raised:
        require_config()
    assert (raised.value.code, raised.value.message) == (
        SignatureErrorCode.UNAVAILABLE,
        "Chức năng ký số chưa được cấu hình trên hệ thống.",
    )


def test_read_from_settings(settings: Settings) -> None:
    settings.EGOV_SIGNATURES = SETTING

    assert signature_config() == SignatureConfig(
        tsa_url="http://127.0.0.1:8080/tsa",
        trusted_roots=(
            Path("/etc/egov/roots/national.pem"),
            Path("/etc/egov/roots/government.cer"),
        ),
        level=Level.B_LTA,
        revocation=Revocation.EMBEDDED,
        seal_pkcs12=Path("/etc/egov/seal.p12"),
        seal_passphrase_env="EGOV_SEAL_PASSPHRASE",
        remote_signing_url="https://remote-signing.example.vn/api",
        remote_wait=180.0,
    )


def test_defaults_are_b_lt_and_fetching() -> None:
    config = SignatureConfig.from_mapping({"tsa_url": "http://tsa", "trusted_roots": "/r.pem"})

    assert (config.level, config.revocation, config.trusted_roots) == (
        Level.B_LT,
        Revocation.FETCH,
        (Path("/r.pem"),),
    )
    # No remote signing service unless one is named; five minutes to confirm.
    assert (config.remote_signing_url, config.remote_wait) == ("", 300.0)


@pytest.mark.parametrize(
    "raw",
    [
        {"tsa_url": "http://tsa"},
        {"trusted_roots": ["/r.pem"]},
        {**SETTING, "level": "B-B"},
        {**SETTING, "seal_passphrase": "never here"},
    ],
    ids=["no-roots", "no-tsa", "unknown-level", "passphrase-in-settings"],
)
def test_a_wrong_setting_is_refused_at_start(raw: dict[str, object]) -> None:
    with pytest.raises(ImproperlyConfigured):
        SignatureConfig.from_mapping(raw)


def test_roots_in_pem_and_der(test_pki: LoopbackPKI) -> None:
    der = test_pki.directory / "root.cer"
    der.write_bytes(test_pki.cert("root").dump())
    config = SignatureConfig(tsa_url="http://tsa", trusted_roots=(test_pki.root_path, der))

    assert [root.sha256 for root in config.roots()] == [test_pki.cert("root").sha256] * 2


def test_validation_refuses_what_is_not_a_pdf(config: SignatureConfig) -> None:
    with pytest.raises(SigningError) as raised:
        validate_pdf(b"<html>", config)

    assert raised.value.code == SignatureErrorCode.NOT_PDF


def test_the_seal_backend_comes_from_the_configuration() -> None:
    config = SignatureConfig.from_mapping(SETTING)

    backend = ServerKeyBackend.from_config(config)

    assert (backend.pkcs12_path, backend.passphrase_env) == (
        Path("/etc/egov/seal.p12"),
        "EGOV_SEAL_PASSPHRASE",
    )


def test_without_a_seal_key_the_organisation_cannot_sign() -> None:
    config = SignatureConfig.from_mapping({"tsa_url": "http://tsa", "trusted_roots": "/r.pem"})

    with pytest.raises(SigningError) as raised:
        ServerKeyBackend.from_config(config)

    assert raised.value.code == SignatureErrorCode.KEY_UNAVAILABLE


def test_the_seal_in_an_hsm_slot_is_read_from_settings_and_preferred_to_a_file() -> None:
    config = SignatureConfig.from_mapping(
        {
            **SETTING,
            "pkcs11_module": "/usr/lib/softhsm/libsofthsm2.so",
            "seal_pkcs11_token": "HSM con dau",
            "seal_pkcs11_key": "seal",
            "seal_pin_env": "EGOV_SEAL_PIN",
        }
    )

    backend = seal_backend(config)

    assert isinstance(backend, Pkcs11Backend)
    assert (
        config.seal_configured,
        backend.module,
        backend.token_label,
        backend.key_label,
        backend.pin_env,
    ) == (True, Path("/usr/lib/softhsm/libsofthsm2.so"), "HSM con dau", "seal", "EGOV_SEAL_PIN")
    # Without the HSM, the file; without either, no seal.
    assert isinstance(seal_backend(SignatureConfig.from_mapping(SETTING)), ServerKeyBackend)
    bare = SignatureConfig.from_mapping({"tsa_url": "http://tsa", "trusted_roots": "/r.pem"})
    assert bare.seal_configured is False
