"""Signing through PKCS#11 with a SoftHSM2 token made at test time."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace

import pytest

from egov.platform.signatures.backends import seal_backend
from egov.platform.signatures.backends.pkcs11 import Pkcs11Backend
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.errors import SignatureErrorCode, SigningError
from egov.platform.signatures.placeholders import Box
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.testing.softhsm import (
    SoftToken,
    import_key_and_certificate,
    make_token,
    softhsm_module,
)
from egov.platform.signatures.validation import RevocationStatus, Verdict, validate_pdf

from .conftest import require_tool
from .documents import plain_pdf

PIN = "246810"
SO_PIN = "13579135"
HSM_LABEL = "HSM con dau"
SEAL_PIN = "86420864"
SEAL_PIN_ENV = "EGOV_TEST_SEAL_PIN"


@pytest.fixture(scope="session")
def token(
    test_pki: LoopbackPKI, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SoftToken | None]:
    if softhsm_module() is None:
        yield None
        return
    token = make_token(
        tmp_path_factory.mktemp("softhsm"), label="Token lanh dao", pin=PIN, so_pin=SO_PIN
    )
    # The server's HSM slot for the seal (fixture `hsm`), made now: SoftHSM2
    # lists its tokens when the module is first loaded in the process.
    make_token(token.conf.parent, label=HSM_LABEL, pin=SEAL_PIN, so_pin=SO_PIN)
    import_key_and_certificate(
        token,
        pin=PIN,
        key_label="leader",
        key_pem=test_pki.key_path("leader"),
        certificate=test_pki.cert("leader"),
        chain=[test_pki.cert("interm")],
    )
    yield token


@pytest.fixture
def soft_token(token: SoftToken | None) -> SoftToken:
    require_tool(token is not None, "softhsm2")
    assert token is not None
    return token


def backend(token: SoftToken, pin: str) -> Pkcs11Backend:
    return Pkcs11Backend(module=token.module, token_label=token.label, key_label="leader", pin=pin)


def test_the_leader_signs_with_the_token(soft_token: SoftToken, config: SignatureConfig) -> None:
    signed = sign_pdf(
        plain_pdf(),
        backend(soft_token, PIN),
        field_name="LanhDao",
        box=Box(page=0, x1=330, y1=120, x2=530, y2=200),
        reason="Phê duyệt",
        config=config,
    )

    [report] = validate_pdf(signed, config)
    assert (report.field_name, report.signer_name, report.organisation) == (
        "LanhDao",
        "Nguyễn Văn An",
        "UBND huyện Chợ Đồn",
    )
    assert (report.verdict, report.trusted, report.timestamp_present, report.revocation) == (
        Verdict.VALID,
        True,
        True,
        RevocationStatus.GOOD,
    )


def test_a_wrong_pin_produces_nothing(soft_token: SoftToken, config: SignatureConfig) -> None:
    # The PIN is checked when the token is opened, before pyHanko writes
    # anything: sign_pdf raises instead of returning bytes.
    with pytest.raises(SigningError) as raised:
        sign_pdf(plain_pdf(), backend(soft_token, "000000"), field_name="LanhDao", config=config)

    assert (raised.value.code, raised.value.message) == (
        SignatureErrorCode.WRONG_PIN,
        "Mã PIN không đúng.",
    )


def test_the_pin_is_never_in_the_backend_repr(soft_token: SoftToken) -> None:
    assert PIN not in repr(backend(soft_token, PIN))


def test_an_unknown_token(soft_token: SoftToken, config: SignatureConfig) -> None:
    missing = Pkcs11Backend(
        module=soft_token.module, token_label="Không có", key_label="leader", pin=PIN
    )

    with pytest.raises(SigningError) as raised:
        sign_pdf(plain_pdf(), missing, field_name="LanhDao", config=config)

    assert raised.value.code == SignatureErrorCode.TOKEN_NOT_FOUND


def test_an_unknown_key_label(soft_token: SoftToken, config: SignatureConfig) -> None:
    wrong = Pkcs11Backend(
        module=soft_token.module, token_label=soft_token.label, key_label="org", pin=PIN
    )

    with pytest.raises(SigningError) as raised:
        sign_pdf(plain_pdf(), wrong, field_name="LanhDao", config=config)

    assert raised.value.code == SignatureErrorCode.TOKEN_NOT_FOUND


def test_a_wrong_pin_never_reaches_the_logs(
    soft_token: SoftToken, config: SignatureConfig, caplog: pytest.LogCaptureFixture
) -> None:
    wrong_pin = "97531864"
    caplog.set_level(logging.DEBUG)

    with pytest.raises(SigningError) as raised:
        sign_pdf(plain_pdf(), backend(soft_token, wrong_pin), field_name="LanhDao", config=config)
    # What a caller does with the failure: log it with its traceback (the
    # chained python-pkcs11 error included).
    logging.getLogger("egov.signatures").exception("signing failed", exc_info=raised.value)

    assert raised.value.code == SignatureErrorCode.WRONG_PIN
    assert "signing failed" in caplog.text
    assert "PinIncorrect" in caplog.text
    assert wrong_pin not in caplog.text
    assert wrong_pin not in str(raised.value.details)
    assert wrong_pin not in repr(raised.value)
    assert PIN not in caplog.text


@pytest.fixture(scope="session")
def hsm(test_pki: LoopbackPKI, token: SoftToken | None) -> SoftToken | None:
    """The organisation's seal key in a slot of the server's HSM."""
    if token is None:
        return None
    hsm = SoftToken(module=token.module, label=HSM_LABEL, conf=token.conf)
    import_key_and_certificate(
        hsm,
        pin=SEAL_PIN,
        key_label="seal",
        key_pem=test_pki.key_path("org"),
        certificate=test_pki.cert("org"),
        chain=[test_pki.cert("interm")],
    )
    return hsm


def hsm_config(config: SignatureConfig, token: SoftToken) -> SignatureConfig:
    return replace(
        config,
        pkcs11_module=token.module,
        seal_pkcs11_token=token.label,
        seal_pkcs11_key="seal",
        seal_pin_env=SEAL_PIN_ENV,
    )


def test_the_seal_key_in_an_hsm_slot_signs_for_the_organisation(
    hsm: SoftToken | None, config: SignatureConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool(hsm is not None, "softhsm2")
    assert hsm is not None
    monkeypatch.setenv(SEAL_PIN_ENV, SEAL_PIN)
    sealed = hsm_config(config, hsm)

    backend = seal_backend(sealed)
    signed = sign_pdf(plain_pdf(), backend, field_name="CoQuan", reason="Phát hành", config=sealed)

    assert (sealed.seal_configured, type(backend), SEAL_PIN in repr(backend)) == (
        True,
        Pkcs11Backend,
        False,
    )
    [report] = validate_pdf(signed, config)
    assert (report.field_name, report.signer_name, report.verdict, report.revocation) == (
        "CoQuan",
        "UBND huyện Chợ Đồn",
        Verdict.VALID,
        RevocationStatus.GOOD,
    )


def test_the_hsm_pin_missing_from_the_environment_signs_nothing(
    hsm: SoftToken | None, config: SignatureConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool(hsm is not None, "softhsm2")
    assert hsm is not None
    monkeypatch.delenv(SEAL_PIN_ENV, raising=False)
    sealed = hsm_config(config, hsm)

    with pytest.raises(SigningError) as raised:
        sign_pdf(plain_pdf(), seal_backend(sealed), field_name="CoQuan", config=sealed)

    assert (raised.value.code, raised.value.message) == (
        SignatureErrorCode.KEY_UNAVAILABLE,
        "Không mở được khóa ký của cơ quan.",
    )


def test_a_wrong_hsm_pin_is_the_wrong_pin_code(
    hsm: SoftToken | None, config: SignatureConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool(hsm is not None, "softhsm2")
    assert hsm is not None
    monkeypatch.setenv(SEAL_PIN_ENV, "11112222")

    with pytest.raises(SigningError) as raised:
        sign_pdf(
            plain_pdf(), seal_backend(hsm_config(config, hsm)), field_name="CoQuan", config=config
        )

    assert raised.value.code == SignatureErrorCode.WRONG_PIN


def test_an_hsm_seal_without_its_key_label_is_refused(config: SignatureConfig) -> None:
    incomplete = replace(config, seal_pkcs11_token=HSM_LABEL, seal_pin_env=SEAL_PIN_ENV)

    with pytest.raises(SigningError) as raised:
        seal_backend(incomplete)

    assert raised.value.code == SignatureErrorCode.KEY_UNAVAILABLE
