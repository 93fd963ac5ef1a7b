"""Signing with the server's seal key, and every input that must be refused
before anything is produced."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pytest_django.fixtures import Settings

from egov.platform.signatures.appearance import default_lines
from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import Level, SignatureConfig
from egov.platform.signatures.errors import SignatureErrorCode, SigningError
from egov.platform.signatures.placeholders import Box
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI, start_test_pki
from egov.platform.signatures.validation import (
    Modification,
    RevocationStatus,
    Verdict,
    validate_pdf,
)

from .conftest import PASSPHRASE_ENV, key_backend
from .documents import plain_pdf


def sign(pdf: bytes, backend: ServerKeyBackend, config: SignatureConfig) -> bytes:
    return sign_pdf(
        pdf,
        backend,
        field_name="CoQuan",
        box=Box(page=0, x1=350, y1=80, x2=520, y2=150),
        reason="Phát hành",
        location="Chợ Đồn",
        config=config,
    )


def encrypted_pdf() -> bytes:
    writer = copy_into_new_writer(PdfFileReader(BytesIO(plain_pdf())))
    writer.encrypt("chủ sở hữu", "người đọc")  # type: ignore[no-untyped-call]
    output = BytesIO()
    writer.write(output)  # type: ignore[no-untyped-call]
    return output.getvalue()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_seal_signature_is_valid_trusted_timestamped_and_good(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    signed = sign(plain_pdf(), org_backend, config)

    [report] = validate_pdf(signed, config)
    assert report.field_name == "CoQuan"
    assert (report.signer_name, report.organisation) == ("UBND huyện Chợ Đồn", "UBND huyện Chợ Đồn")
    assert (report.verdict, report.reason) == (Verdict.VALID, "Chữ ký số hợp lệ.")
    assert (report.trusted, report.timestamp_present, report.revocation) == (
        True,
        True,
        RevocationStatus.GOOD,
    )
    assert (report.intact, report.modification, report.changes_permitted) == (
        True,
        Modification.NONE,
        True,
    )
    assert report.signing_time is not None
    assert report.signing_time.tzinfo is not None


def test_the_appearance_names_signer_organisation_and_vietnam_time(test_pki: LoopbackPKI) -> None:
    when = datetime(2026, 12, 6, 13, 5, tzinfo=UTC)

    assert default_lines(test_pki.cert("leader"), when) == [
        "Ký bởi: Nguyễn Văn An",
        "Cơ quan: UBND huyện Chợ Đồn",
        "Thời gian ký: 06/12/2026 20:05:00 +07:00",
    ]
    # The organisation's own certificate names it once.
    assert default_lines(test_pki.cert("org"), when) == [
        "Ký bởi: UBND huyện Chợ Đồn",
        "Thời gian ký: 06/12/2026 20:05:00 +07:00",
    ]


def test_the_signed_file_is_the_original_plus_one_update(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    original = plain_pdf()

    signed = sign(original, org_backend, config)

    # Incremental: the original bytes are untouched, the signature follows.
    assert signed.startswith(original)


def test_b_lta_adds_a_document_timestamp(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    lta = SignatureConfig(
        tsa_url=config.tsa_url, trusted_roots=config.trusted_roots, level=Level.B_LTA
    )

    signed = sign(plain_pdf(), org_backend, lta)

    reader = PdfFileReader(BytesIO(signed))
    assert len(reader.embedded_regular_signatures) == 1
    assert len(reader.embedded_timestamp_signatures) == 1
    [report] = validate_pdf(signed, lta)
    assert (report.verdict, report.modification) == (Verdict.VALID, Modification.NONE)


@pytest.mark.parametrize(
    ("make_pdf", "code"),
    [
        (lambda: b"Day khong phai PDF", SignatureErrorCode.NOT_PDF),
        (lambda: b"", SignatureErrorCode.NOT_PDF),
        (encrypted_pdf, SignatureErrorCode.ENCRYPTED_PDF),
        (lambda: plain_pdf()[:600], SignatureErrorCode.CORRUPT_PDF),
        (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 50, SignatureErrorCode.CORRUPT_PDF),
    ],
    ids=["text", "empty", "encrypted", "truncated", "garbage"],
)
def test_bad_input_is_refused_with_its_code(
    config: SignatureConfig,
    org_backend: ServerKeyBackend,
    make_pdf: Callable[[], bytes],
    code: SignatureErrorCode,
) -> None:
    with pytest.raises(SigningError) as raised:
        sign(make_pdf(), org_backend, config)

    assert raised.value.code == code


def test_messages_are_vietnamese(config: SignatureConfig, org_backend: ServerKeyBackend) -> None:
    with pytest.raises(SigningError) as raised:
        sign(b"hello", org_backend, config)

    assert raised.value.message == "Tệp không phải là PDF."


def test_a_revoked_certificate_is_refused(
    config: SignatureConfig, revoked_backend: ServerKeyBackend
) -> None:
    with pytest.raises(SigningError) as raised:
        sign(plain_pdf(), revoked_backend, config)

    assert raised.value.code == SignatureErrorCode.CERTIFICATE_REVOKED
    assert raised.value.message == "Chứng thư số đã bị thu hồi."


def test_an_expired_certificate_is_refused(
    test_pki: LoopbackPKI, config: SignatureConfig, seal_passphrase: str
) -> None:
    with pytest.raises(SigningError) as raised:
        sign(plain_pdf(), key_backend(test_pki, "expired"), config)

    assert (raised.value.code, raised.value.message) == (
        SignatureErrorCode.CERTIFICATE_EXPIRED,
        "Chứng thư số đã hết hạn hoặc chưa có hiệu lực.",
    )


def test_a_timestamp_authority_that_is_down(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    down = SignatureConfig(
        tsa_url=f"http://127.0.0.1:{closed_port()}/tsa",
        trusted_roots=config.trusted_roots,
        network_timeout=2,
    )

    with pytest.raises(SigningError) as raised:
        sign(plain_pdf(), org_backend, down)

    assert raised.value.code == SignatureErrorCode.TSA_UNAVAILABLE


def test_revocation_servers_that_are_down(tmp_path: Path, seal_passphrase: str) -> None:
    # A PKI of its own, stopped before signing: its OCSP responder, CRLs and
    # TSA are all gone, and the revocation check comes first.
    gone = start_test_pki(tmp_path)
    backend = key_backend(gone, "org")
    config = SignatureConfig(tsa_url=gone.tsa_url, trusted_roots=(gone.root_path,))
    gone.stop()

    with pytest.raises(SigningError) as raised:
        sign(plain_pdf(), backend, config)

    assert (raised.value.code, raised.value.message) == (
        SignatureErrorCode.REVOCATION_UNAVAILABLE,
        "Không kiểm tra được tình trạng thu hồi của chứng thư số.",
    )


def test_an_untrusted_root_is_refused(
    test_pki: LoopbackPKI, org_backend: ServerKeyBackend, config: SignatureConfig
) -> None:
    other_root = test_pki.directory / "tsa-as-root.pem"
    other_root.write_bytes(test_pki.cert_pem("tsa"))
    elsewhere = SignatureConfig(tsa_url=config.tsa_url, trusted_roots=(other_root,))

    with pytest.raises(SigningError) as raised:
        sign(plain_pdf(), org_backend, elsewhere)

    assert raised.value.code == SignatureErrorCode.CERTIFICATE_UNTRUSTED


def test_a_wrong_seal_passphrase(
    config: SignatureConfig, org_backend: ServerKeyBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, "sai mật khẩu")

    with pytest.raises(SigningError) as raised:
        sign(plain_pdf(), org_backend, config)

    assert raised.value.code == SignatureErrorCode.KEY_UNAVAILABLE
    assert "sai mật khẩu" not in str(raised.value.details)


def test_a_missing_passphrase_variable(
    config: SignatureConfig, org_backend: ServerKeyBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV)

    with pytest.raises(SigningError) as raised:
        sign(plain_pdf(), org_backend, config)

    assert raised.value.code == SignatureErrorCode.KEY_UNAVAILABLE
    assert raised.value.details == {"detail": f"environment variable {PASSPHRASE_ENV} is not set"}


def test_a_signed_field_is_not_signed_again(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    signed = sign(plain_pdf(), org_backend, config)

    with pytest.raises(SigningError) as raised:
        sign(signed, org_backend, config)

    assert raised.value.code == SignatureErrorCode.FIELD_ALREADY_SIGNED


def test_a_box_off_the_document(config: SignatureConfig, org_backend: ServerKeyBackend) -> None:
    with pytest.raises(SigningError) as raised:
        sign_pdf(
            plain_pdf(),
            org_backend,
            field_name="CoQuan",
            box=Box(page=3, x1=0, y1=0, x2=10, y2=10),
            config=config,
        )

    assert raised.value.code == SignatureErrorCode.INVALID_BOX


def test_signing_is_unavailable_without_configuration(
    org_backend: ServerKeyBackend, settings: Settings
) -> None:
    settings.EGOV_SIGNATURES = None

    with pytest.raises(SigningError) as raised:
        sign_pdf(plain_pdf(), org_backend, field_name="CoQuan")

    assert raised.value.code == SignatureErrorCode.UNAVAILABLE
