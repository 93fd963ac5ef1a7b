"""The outgoing document's two signatures (Decree 30/2020/NĐ-CP, Appendix I):
the leader certifies, the clerk writes the number and date, the organisation
signs; both signatures stay intact and the later changes are permitted."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pyhanko.sign.fields import MDPPerm

from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.forms import fill_text_fields
from egov.platform.signatures.placeholders import Box, add_signature_fields
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.validation import (
    Modification,
    RevocationStatus,
    Verdict,
    validate_pdf,
)

from .conftest import require_tool, tool_path
from .documents import decision_with_fields


@pytest.fixture
def issued(
    config: SignatureConfig, leader_key_backend: ServerKeyBackend, org_backend: ServerKeyBackend
) -> bytes:
    # The template lays out both signatures before anyone signs.
    laid_out = add_signature_fields(
        decision_with_fields(),
        [
            ("LanhDao", Box(page=0, x1=330, y1=120, x2=530, y2=200)),
            ("CoQuan", Box(page=0, x1=60, y1=120, x2=260, y2=200)),
        ],
    )
    leader_signed = sign_pdf(
        laid_out,
        leader_key_backend,
        field_name="LanhDao",
        reason="Phê duyệt",
        name="Nguyễn Văn An",
        certify=MDPPerm.FILL_FORMS,
        config=config,
    )
    numbered = fill_text_fields(
        leader_signed, {"so_ky_hieu": "15/QĐ-UBND", "ngay_ban_hanh": "ngày 06 tháng 12 năm 2026"}
    )
    return sign_pdf(
        numbered,
        org_backend,
        field_name="CoQuan",
        reason="Phát hành",
        location="Chợ Đồn",
        config=config,
    )


def test_both_signatures_stay_valid_after_the_number_and_date(
    issued: bytes, config: SignatureConfig
) -> None:
    reports = validate_pdf(issued, config)

    assert [(r.field_name, r.signer_name) for r in reports] == [
        ("LanhDao", "Nguyễn Văn An"),
        ("CoQuan", "UBND huyện Chợ Đồn"),
    ]
    leader, org = reports
    assert (leader.intact, leader.trusted, leader.revocation) == (
        True,
        True,
        RevocationStatus.GOOD,
    )
    assert (leader.modification, leader.changes_permitted) == (Modification.FORM_FILLING, True)
    assert (leader.verdict, leader.reason) == (Verdict.VALID, "Chữ ký số hợp lệ.")
    assert (org.intact, org.trusted, org.modification, org.verdict) == (
        True,
        True,
        Modification.NONE,
        Verdict.VALID,
    )


def pdfsig_lines(pdf: bytes, directory: Path, *options: str) -> list[str]:
    pdfsig = tool_path("pdfsig")
    require_tool(pdfsig is not None, "poppler-utils")
    path = directory / "issued.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(  # noqa: S603 - a fixed tool on a file we wrote
        [str(pdfsig), *options, str(path)], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [line.strip() for line in result.stdout.splitlines()]


def nss_database(directory: Path, *roots: Path) -> str:
    """A new NSS database holding `roots`, trusted for signing (pdfsig answers
    "Certificate Validation" from NSS: ~/.pki/nssdb, or -nssdir)."""
    certutil = tool_path("certutil")
    require_tool(certutil is not None, "libnss3-tools")
    database = directory / "nssdb"
    database.mkdir()
    commands = [["-N", "--empty-password"]] + [
        ["-A", "-n", f"root-{number}", "-t", "C,C,C", "-i", str(root)]
        for number, root in enumerate(roots)
    ]
    for command in commands:
        result = subprocess.run(  # noqa: S603 - a fixed tool on a directory we made
            [str(certutil), "-d", f"sql:{database}", *command],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
    return f"sql:{database}"


def test_pdfsig_reports_both_signatures_valid_and_trusted(
    issued: bytes, test_pki: LoopbackPKI, tmp_path: Path
) -> None:
    nssdir = nss_database(tmp_path, test_pki.root_path)

    # "-no-ocsp": pdfsig 22.12 ignores NSS's answer on the chain and reads
    # NSS's last error code instead; NSS's OCSP check soft-fails on the
    # loopback responder's answer (a trace shows SEC_ERROR_INVALID_TIME
    # parsing it) and leaves that code behind, so pdfsig would say "Unknown
    # issue with Certificate" for a chain NSS accepted. Revocation through the
    # loopback OCSP responder is checked by pyHanko (test_validation.py).
    lines = pdfsig_lines(issued, tmp_path, "-nssdir", nssdir, "-no-ocsp")

    wanted = (
        "- Signature Field Name",
        "- Signer Certificate Common Name",
        "- Signature Type",
        "- Signature Validation",
        "- Certificate Validation",
    )
    assert [line for line in lines if line.startswith(wanted)] == [
        "- Signature Field Name: LanhDao",
        "- Signer Certificate Common Name: Nguyễn Văn An",
        "- Signature Type: ETSI.CAdES.detached",
        "- Signature Validation: Signature is Valid.",
        "- Certificate Validation: Certificate is Trusted.",
        "- Signature Field Name: CoQuan",
        "- Signer Certificate Common Name: UBND huyện Chợ Đồn",
        "- Signature Type: ETSI.CAdES.detached",
        "- Signature Validation: Signature is Valid.",
        "- Certificate Validation: Certificate is Trusted.",
    ]


def test_pdfsig_without_the_root_reports_the_issuer_untrusted(
    issued: bytes, tmp_path: Path
) -> None:
    # The same file checked against an empty NSS database: the signatures
    # are intact, the chain is not trusted; the trust above comes from the root.
    nssdir = nss_database(tmp_path)

    lines = pdfsig_lines(issued, tmp_path, "-nssdir", nssdir, "-no-ocsp")

    assert [line for line in lines if line.startswith("- Certificate Validation")] == [
        "- Certificate Validation: Certificate issuer isn't Trusted.",
        "- Certificate Validation: Certificate issuer isn't Trusted.",
    ]
