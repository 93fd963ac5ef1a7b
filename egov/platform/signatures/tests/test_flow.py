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


def test_pdfsig_reports_both_signatures_valid(issued: bytes, tmp_path: Path) -> None:
    lines = pdfsig_lines(issued, tmp_path)

    # "Signature Validation" is poppler's integrity and cryptographic check
    # of each signature over its byte ranges. Whether the chain is trusted is
    # a separate line, "Certificate Validation", answered from an NSS
    # database (~/.pki/nssdb or -nssdir) where the test root is not. With the
    # root and the intermediate imported by certutil (trust C,C,C), certutil
    # -V accepts the leader's certificate for e-mail signing, yet pdfsig 22.12
    # still reports "Unknown issue with Certificate": not explained yet, so
    # trust is checked with pyHanko's validator (test_validation.py).
    assert [line for line in lines if line.startswith("- Signature Field Name")] == [
        "- Signature Field Name: LanhDao",
        "- Signature Field Name: CoQuan",
    ]
    assert [line for line in lines if line.startswith("- Signature Validation")] == [
        "- Signature Validation: Signature is Valid.",
        "- Signature Validation: Signature is Valid.",
    ]
