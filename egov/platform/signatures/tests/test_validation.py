"""Validating what arrives: tampered bytes, later changes, revocation through
the loopback OCSP responder, roots the deployment does not trust."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
import time_machine
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper

from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import Revocation, SignatureConfig
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.validation import (
    REASON_CHANGED,
    REASON_NO_TIMESTAMP,
    REASON_NOT_INTACT,
    REASON_REVOCATION_UNKNOWN,
    REASON_REVOKED,
    REASON_REVOKED_AFTER_SIGNING,
    REASON_TIMESTAMP_UNVERIFIED,
    REASON_UNTRUSTED,
    Modification,
    RevocationStatus,
    Verdict,
    validate_pdf,
)

from .conftest import key_backend
from .documents import plain_pdf


def sealed(backend: ServerKeyBackend, config: SignatureConfig) -> bytes:
    return sign_pdf(plain_pdf(), backend, field_name="CoQuan", config=config)


def test_an_unsigned_pdf_has_no_reports(config: SignatureConfig) -> None:
    assert validate_pdf(plain_pdf(), config) == []


def test_bytes_changed_inside_the_signed_range_are_detected(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    signed = sealed(org_backend, config)
    # One bit of the first page's compressed content, in the original
    # revision, inside the signed byte range; every offset stays valid.
    position = signed.index(b"stream\n") + len(b"stream\n") + 10
    assert position < len(plain_pdf())
    tampered = signed[:position] + bytes([signed[position] ^ 1]) + signed[position + 1 :]

    [report] = validate_pdf(tampered, config)

    assert (report.intact, report.verdict, report.reason) == (
        False,
        Verdict.INVALID,
        REASON_NOT_INTACT,
    )


def test_new_page_content_after_signing_is_not_permitted(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    signed = sealed(org_backend, config)
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (Them) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))  # type: ignore[no-untyped-call]
    output = BytesIO()
    writer.write(output)  # type: ignore[no-untyped-call]

    [report] = validate_pdf(output.getvalue(), config)

    assert (report.intact, report.modification, report.changes_permitted) == (
        True,
        Modification.OTHER,
        False,
    )
    assert (report.verdict, report.reason) == (Verdict.INVALID, REASON_CHANGED)


def test_a_revoked_signer_is_found_through_the_ocsp_responder(
    test_pki: LoopbackPKI, config: SignatureConfig, revoked_backend: ServerKeyBackend
) -> None:
    # Our sign_pdf refuses a revoked certificate, so the file comes from
    # elsewhere: pyHanko directly, a timestamp but no revocation data (B-T).
    with revoked_backend.open() as signer:
        output = BytesIO()
        signers.PdfSigner(
            signers.PdfSignatureMetadata(
                field_name="NguoiKy", subfilter=fields.SigSeedSubFilter.PADES
            ),
            signer=signer,
            timestamper=HTTPTimeStamper(test_pki.tsa_url),  # type: ignore[no-untyped-call]
        ).sign_pdf(IncrementalPdfFileWriter(BytesIO(plain_pdf())), output=output)

    [report] = validate_pdf(output.getvalue(), config)

    assert (report.signer_name, report.revocation, report.trusted) == (
        "Trần Thị Bình",
        RevocationStatus.REVOKED,
        False,
    )
    assert (report.intact, report.verdict, report.reason) == (True, Verdict.INVALID, REASON_REVOKED)


def test_a_signature_without_timestamp_is_valid_with_a_warning(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    # From elsewhere again: pyHanko directly, no TSA, no revocation data (B-B).
    with org_backend.open() as signer:
        output = BytesIO()
        signers.PdfSigner(
            signers.PdfSignatureMetadata(
                field_name="CoQuan", subfilter=fields.SigSeedSubFilter.PADES
            ),
            signer=signer,
        ).sign_pdf(IncrementalPdfFileWriter(BytesIO(plain_pdf())), output=output)

    [report] = validate_pdf(output.getvalue(), config)

    assert (report.timestamp_present, report.trusted, report.revocation) == (
        False,
        True,
        RevocationStatus.GOOD,
    )
    assert (report.verdict, report.reason) == (Verdict.VALID_WITH_WARNINGS, REASON_NO_TIMESTAMP)


def test_a_certificate_revoked_after_signing_leaves_the_signature_standing(
    test_pki: LoopbackPKI, config: SignatureConfig, seal_passphrase: str
) -> None:
    revoked_in_2040 = datetime(2040, 1, 1, tzinfo=UTC)
    if timezone.now() >= revoked_in_2040 - timedelta(days=30):
        pytest.skip("the test PKI's revoked-later certificate is revoked in 2040")
    signed = sign_pdf(
        plain_pdf(), key_backend(test_pki, "revoked-later"), field_name="CoQuan", config=config
    )

    # Half a year after the revocation the OCSP responder says "revoked";
    # the timestamp proves the signature was made years before.
    with time_machine.travel(revoked_in_2040 + timedelta(days=180), tick=False):
        [report] = validate_pdf(signed, config)

    assert (report.trusted, report.revocation, report.verdict, report.reason) == (
        True,
        RevocationStatus.REVOKED,
        Verdict.VALID_WITH_WARNINGS,
        REASON_REVOKED_AFTER_SIGNING,
    )


def test_embedded_revocation_data_suffices_offline(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    offline = SignatureConfig(
        tsa_url=config.tsa_url, trusted_roots=config.trusted_roots, revocation=Revocation.EMBEDDED
    )

    [report] = validate_pdf(sealed(org_backend, config), offline)

    assert (report.verdict, report.revocation) == (Verdict.VALID, RevocationStatus.GOOD)


def test_a_b_lt_signature_stays_valid_offline_after_its_ocsp_response_expired(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    signed = sealed(org_backend, config)
    offline = SignatureConfig(
        tsa_url=config.tsa_url, trusted_roots=config.trusted_roots, revocation=Revocation.EMBEDDED
    )

    # The embedded OCSP response was good for ten minutes (certomancer's
    # default); a day on, the timestamp proves it was fresh at signing.
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        [report] = validate_pdf(signed, offline)

    assert (report.verdict, report.trusted, report.revocation, report.timestamp_present) == (
        Verdict.VALID,
        True,
        RevocationStatus.GOOD,
        True,
    )


def test_years_later_offline_b_lt_needs_renewal(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    signed = sealed(org_backend, config)
    offline = SignatureConfig(
        tsa_url=config.tsa_url, trusted_roots=config.trusted_roots, revocation=Revocation.EMBEDDED
    )

    # Three years on even the CRLs for the timestamp authority's chain are
    # stale: without a renewed archive timestamp (B-LTA) the revocation
    # status has no answer. Indeterminate, so a warning, never "valid".
    with time_machine.travel(timezone.now() + timedelta(days=3 * 365), tick=False):
        [report] = validate_pdf(signed, offline)

    assert (report.verdict, report.revocation, report.reason) == (
        Verdict.VALID_WITH_WARNINGS,
        RevocationStatus.UNKNOWN,
        f"{REASON_REVOCATION_UNKNOWN} {REASON_TIMESTAMP_UNVERIFIED}",
    )


def test_without_revocation_data_the_status_is_unknown(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    # pyHanko directly with a timestamp but no revocation data (B-T), read
    # by an offline validator: the chain holds, revocation is unknown.
    with org_backend.open() as signer:
        output = BytesIO()
        signers.PdfSigner(
            signers.PdfSignatureMetadata(
                field_name="CoQuan", subfilter=fields.SigSeedSubFilter.PADES
            ),
            signer=signer,
            timestamper=HTTPTimeStamper(config.tsa_url),  # type: ignore[no-untyped-call]
        ).sign_pdf(IncrementalPdfFileWriter(BytesIO(plain_pdf())), output=output)
    offline = SignatureConfig(
        tsa_url=config.tsa_url, trusted_roots=config.trusted_roots, revocation=Revocation.EMBEDDED
    )

    [report] = validate_pdf(output.getvalue(), offline)

    # Nor has the timestamp authority's chain any: it is unverified too.
    assert (report.trusted, report.revocation, report.verdict, report.reason) == (
        True,
        RevocationStatus.UNKNOWN,
        Verdict.VALID_WITH_WARNINGS,
        f"{REASON_REVOCATION_UNKNOWN} {REASON_TIMESTAMP_UNVERIFIED}",
    )


def test_a_chain_to_another_root_is_not_trusted(
    test_pki: LoopbackPKI, config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    other_root = test_pki.directory / "tsa-as-root.pem"
    other_root.write_bytes(test_pki.cert_pem("tsa"))
    elsewhere = SignatureConfig(tsa_url=config.tsa_url, trusted_roots=(other_root,))

    [report] = validate_pdf(sealed(org_backend, config), elsewhere)

    assert (report.intact, report.trusted, report.verdict, report.reason) == (
        True,
        False,
        Verdict.INVALID,
        REASON_UNTRUSTED,
    )


def test_the_reader_sees_one_signature_per_field(
    config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    reader = PdfFileReader(BytesIO(sealed(org_backend, config)))

    assert [s.field_name for s in reader.embedded_regular_signatures] == ["CoQuan"]
