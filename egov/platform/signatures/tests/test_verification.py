"""The public verification page /xac-thuc-van-ban/: per signature, who, when,
trust, revocation, integrity and later changes; bad files refused with a
stable code and a Vietnamese message; a budget per client address."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI

from .documents import plain_pdf
from .test_signing import encrypted_pdf

URL = "/xac-thuc-van-ban/"


@pytest.fixture(autouse=True)
def _fresh_budget() -> None:
    cache.clear()


@pytest.fixture(name="configured")
def configured_fixture(test_pki: LoopbackPKI, settings: Settings) -> LoopbackPKI:
    settings.EGOV_SIGNATURES = {
        "tsa_url": test_pki.tsa_url,
        "trusted_roots": [str(test_pki.root_path)],
    }
    return test_pki


def _post(client: Client, data: bytes, name: str = "van-ban.pdf") -> tuple[int, str]:
    response = client.post(URL, {"tep": SimpleUploadedFile(name, data, "application/pdf")})
    return response.status_code, response.content.decode()


def test_the_page_is_public_and_named_in_vietnamese(client: Client) -> None:
    response = client.get(reverse("verification:verify"))

    assert reverse("verification:verify") == URL
    assert response.status_code == 200
    assert "Xác thực văn bản có chữ ký số" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.django_db
def test_a_sealed_pdf_is_reported_valid_with_its_signer(
    client: Client,
    configured: LoopbackPKI,
    config: SignatureConfig,
    org_backend: ServerKeyBackend,
) -> None:
    signed = sign_pdf(plain_pdf(), org_backend, field_name="CoQuan", config=config)

    status, body = _post(client, signed)

    assert status == 200
    assert "Văn bản có 1 chữ ký số." in body
    assert body.count('class="card signature-report verdict-valid"') == 1
    assert '<dd class="signer">UBND huyện Chợ Đồn</dd>' in body
    assert '<dd class="organisation">UBND huyện Chợ Đồn</dd>' in body
    assert "Chữ ký số hợp lệ." in body
    assert "được cấp bởi tổ chức chứng thực tin cậy" in body
    assert "chưa bị thu hồi" in body
    assert "nội dung đã ký không bị thay đổi" in body
    assert "(theo dấu thời gian)" in body


@pytest.mark.django_db
def test_a_pdf_changed_after_signing_is_invalid_with_the_reason(
    client: Client,
    configured: LoopbackPKI,
    config: SignatureConfig,
    org_backend: ServerKeyBackend,
) -> None:
    signed = sign_pdf(plain_pdf(), org_backend, field_name="CoQuan", config=config)
    position = signed.index(b"stream\n") + len(b"stream\n") + 10
    tampered = signed[:position] + bytes([signed[position] ^ 1]) + signed[position + 1 :]

    status, body = _post(client, tampered)

    assert status == 200
    assert 'verdict-invalid"' in body
    assert "Nội dung tài liệu đã bị thay đổi sau khi ký: chữ ký không còn giá trị." in body
    assert "nội dung đã ký bị thay đổi" in body


@pytest.mark.django_db
def test_an_unsigned_pdf_says_so(client: Client, configured: LoopbackPKI) -> None:
    status, body = _post(client, plain_pdf())

    assert status == 200
    assert "Tệp không có chữ ký số." in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (lambda: b"Day khong phai PDF", "signature.not_pdf", "Tệp không phải là PDF."),
        (
            encrypted_pdf,
            "signature.encrypted_pdf",
            "Tệp PDF được mã hóa bằng mật khẩu, không thể ký.",
        ),
        (lambda: plain_pdf()[:600], "signature.corrupt_pdf", "Tệp PDF bị hỏng, không đọc được."),
    ],
    ids=["not-pdf", "encrypted", "corrupt"],
)
def test_bad_files_get_their_code_and_message(
    client: Client, configured: LoopbackPKI, make: Callable[[], bytes], code: str, message: str
) -> None:
    status, body = _post(client, make())

    assert status == 422
    assert f'data-code="{code}">{message}</p>' in body


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(
    client: Client, configured: LoopbackPKI, settings: Settings
) -> None:
    settings.EGOV_VERIFICATION_MAX_MB = 1

    status, body = _post(client, b"%PDF-1.7\n" + b"0" * (1024 * 1024))

    assert status == 413
    assert 'data-code="signature.file_too_large">Tệp quá lớn để kiểm tra (tối đa 1 MB).' in body


@pytest.mark.django_db
def test_no_file_is_refused(client: Client, configured: LoopbackPKI) -> None:
    response = client.post(URL, {})

    assert response.status_code == 422
    assert 'data-code="signature.file_missing">Cần chọn tệp PDF để kiểm tra.' in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_a_client_over_its_budget_waits(
    client: Client, configured: LoopbackPKI, settings: Settings
) -> None:
    settings.EGOV_VERIFICATION_LIMIT = 2

    answers = [_post(client, plain_pdf())[0] for _ in range(3)]
    response = client.post(URL, {"tep": SimpleUploadedFile("a.pdf", plain_pdf())})

    assert answers == [200, 200, 429]
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Bạn đã kiểm tra quá nhiều tệp. Vui lòng thử lại sau ít phút." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_without_configured_roots_the_page_says_it_cannot_check(
    client: Client, settings: Settings
) -> None:
    settings.EGOV_SIGNATURES = None

    status, body = _post(client, plain_pdf())

    assert status == 422
    assert "Chức năng ký số chưa được cấu hình trên hệ thống." in body
