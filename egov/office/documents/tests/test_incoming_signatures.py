"""An incoming document's signatures are validated in the background, the
verdict kept with it and shown beside the file (issue 12, point 4)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province
from egov.office.documents.services.incoming import register_incoming
from egov.office.documents.signing import ATTACHMENT_CHECK, INCOMING_CHECK
from egov.office.documents.tests.conftest import arrival
from egov.platform.jobs.worker import run_due
from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.models import CheckStatus, SignatureCheck
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.tests.conftest import PASSPHRASE_ENV, key_backend
from egov.platform.signatures.tests.conftest import test_pki_fixture as test_pki_fixture
from egov.platform.signatures.tests.documents import plain_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(name="configured")
def configured_fixture(
    test_pki: LoopbackPKI, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> SignatureConfig:
    monkeypatch.setenv(PASSPHRASE_ENV, "mật-khẩu-con-dấu")
    settings.EGOV_SIGNATURES = {
        "tsa_url": test_pki.tsa_url,
        "trusted_roots": [str(test_pki.root_path)],
    }
    return SignatureConfig(tsa_url=test_pki.tsa_url, trusted_roots=(test_pki.root_path,))


def _signed(pki: LoopbackPKI, config: SignatureConfig) -> bytes:
    backend: ServerKeyBackend = key_backend(pki, "org")
    return sign_pdf(plain_pdf(), backend, field_name="CoQuan", config=config)


def test_a_signed_incoming_document_is_validated_and_shown(
    office: Province, cast: Cast, configured: SignatureConfig, test_pki: LoopbackPKI
) -> None:
    document = register_incoming(
        actor=cast.clerk,
        body=office.province,
        arrival=arrival(),
        file=SimpleUploadedFile("qd.pdf", _signed(test_pki, configured), "application/pdf"),
    )
    check = SignatureCheck.objects.get(purpose=INCOMING_CHECK, object_pk=document.pk)
    assert (check.status, check.file_name) == (CheckStatus.PENDING, document.file.name)

    run_due()

    check.refresh_from_db()
    assert (check.status, check.signatures, check.reason) == (
        CheckStatus.VALID,
        1,
        "Chữ ký số hợp lệ.",
    )
    client = Client()
    client.force_login(cast.leader)
    body = client.get(f"/van-ban/den/{document.pk}/").content.decode()
    assert '<span class="signature-check check-valid" title="Chữ ký số hợp lệ.">' in body
    assert "Chữ ký số hợp lệ</span>" in body
    assert '<dd class="signer">UBND huyện Chợ Đồn</dd>' in body


def test_a_tampered_incoming_document_is_invalid_with_the_reason(
    office: Province, cast: Cast, configured: SignatureConfig, test_pki: LoopbackPKI
) -> None:
    signed = _signed(test_pki, configured)
    position = signed.index(b"stream\n") + len(b"stream\n") + 10
    tampered = signed[:position] + bytes([signed[position] ^ 1]) + signed[position + 1 :]

    document = register_incoming(
        actor=cast.clerk,
        body=office.province,
        arrival=arrival(),
        file=SimpleUploadedFile("qd.pdf", tampered, "application/pdf"),
    )
    run_due()

    check = SignatureCheck.objects.get(purpose=INCOMING_CHECK, object_pk=document.pk)
    assert (check.status, check.reason) == (
        CheckStatus.INVALID,
        "Nội dung tài liệu đã bị thay đổi sau khi ký: chữ ký không còn giá trị.",
    )
    assert not check.signed


def test_a_signed_pdf_attachment_is_validated_too(
    office: Province, cast: Cast, configured: SignatureConfig, test_pki: LoopbackPKI
) -> None:
    document = register_incoming(
        actor=cast.clerk,
        body=office.province,
        arrival=arrival(),
        file=SimpleUploadedFile("qd.pdf", plain_pdf(), "application/pdf"),
        attachments=[
            SimpleUploadedFile("phu-luc.pdf", _signed(test_pki, configured), "application/pdf")
        ],
    )
    attachment = document.attachments.get()

    run_due()

    main = SignatureCheck.objects.get(purpose=INCOMING_CHECK, object_pk=document.pk)
    annex = SignatureCheck.objects.get(purpose=ATTACHMENT_CHECK, object_pk=attachment.pk)
    assert (main.status, annex.status, annex.signatures) == (
        CheckStatus.UNSIGNED,
        CheckStatus.VALID,
        1,
    )
    client = Client()
    client.force_login(cast.leader)
    body = client.get(f"/van-ban/den/{document.pk}/").content.decode()
    assert 'phu-luc.pdf</a> (<span class="signature-check check-valid"' in body
    assert '<span class="signature-check check-unsigned" title="Tệp không có chữ ký số.">' in body
