"""POST /api/v1/signatures/verify: the public page's verification as an API
operation, with its codes, its size limit and its per-address budget."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI

from .documents import plain_pdf
from .test_verification import _fresh_budget as _fresh_budget
from .test_verification import configured_fixture as configured_fixture

URL = "/api/v1/signatures/verify"

pytestmark = pytest.mark.django_db


def _post(client: Client, data: bytes) -> tuple[int, Any]:
    response = client.post(URL, {"file": SimpleUploadedFile("vb.pdf", data, "application/pdf")})
    return response.status_code, response.json()


def test_a_sealed_pdf_is_valid_with_its_signer(
    client: Client,
    configured: LoopbackPKI,
    config: SignatureConfig,
    org_backend: ServerKeyBackend,
) -> None:
    signed = sign_pdf(plain_pdf(), org_backend, field_name="CoQuan", config=config)

    status, body = _post(client, signed)

    assert status == 200
    assert body["valid"] is True
    (report,) = body["signatures"]
    report.pop("signing_time")
    assert report == {
        "field_name": "CoQuan",
        "signer_name": "UBND huyện Chợ Đồn",
        "organisation": "UBND huyện Chợ Đồn",
        "timestamp_present": True,
        "trusted": True,
        "revocation": "good",
        "intact": True,
        "modification": "none",
        "changes_permitted": True,
        "verdict": "valid",
        "reason": "Chữ ký số hợp lệ.",
    }


def test_a_tampered_pdf_is_invalid(
    client: Client,
    configured: LoopbackPKI,
    config: SignatureConfig,
    org_backend: ServerKeyBackend,
) -> None:
    signed = sign_pdf(plain_pdf(), org_backend, field_name="CoQuan", config=config)
    # One bit of the first content stream flipped.
    position = signed.index(b"stream\n") + len(b"stream\n") + 10
    tampered = signed[:position] + bytes([signed[position] ^ 1]) + signed[position + 1 :]

    status, body = _post(client, tampered)

    assert (status, body["valid"]) == (200, False)
    assert [(r["intact"], r["verdict"]) for r in body["signatures"]] == [(False, "invalid")]


def test_an_unsigned_pdf_has_no_signature(client: Client, configured: LoopbackPKI) -> None:
    assert _post(client, plain_pdf()) == (200, {"valid": False, "signatures": []})


def test_bad_files_get_a_code_and_a_vietnamese_message(
    client: Client, configured: LoopbackPKI, settings: Settings
) -> None:
    assert _post(client, b"hello") == (
        422,
        {"code": "signature.not_pdf", "message": "Tệp không phải là PDF."},
    )
    settings.EGOV_VERIFICATION_MAX_MB = 0
    assert _post(client, plain_pdf()) == (
        413,
        {"code": "signature.file_too_large", "message": "Tệp quá lớn để kiểm tra (tối đa 0 MB)."},
    )
    missing = client.post(URL, {})
    assert (missing.status_code, missing.json()["code"]) == (422, "invalid_input")


def test_the_budget_per_address_answers_429(
    client: Client, configured: LoopbackPKI, settings: Settings
) -> None:
    settings.EGOV_VERIFICATION_LIMIT = 2
    assert [_post(client, b"x")[0] for _ in range(3)] == [422, 422, 429]
    assert _post(client, b"x")[1] == {
        "code": "signature.too_many_checks",
        "message": "Bạn đã kiểm tra quá nhiều tệp. Vui lòng thử lại sau ít phút.",
    }


def test_without_a_signature_setup_verification_is_unavailable(client: Client) -> None:
    assert _post(client, plain_pdf()) == (
        422,
        {
            "code": "signature.unavailable",
            "message": "Chức năng ký số chưa được cấu hình trên hệ thống.",
        },
    )
