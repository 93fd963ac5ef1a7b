"""Every code has its Vietnamese message; codes keep their published form."""

from __future__ import annotations

import unicodedata

from django.utils import translation

from egov.platform.core.errors import DomainError
from egov.platform.signatures.errors import MESSAGES, SignatureErrorCode, SigningError


def test_every_code_has_a_message_in_vietnamese() -> None:
    assert set(MESSAGES) == set(SignatureErrorCode)
    for lazy_message in MESSAGES.values():
        message = str(lazy_message)
        assert message.endswith(".")
        assert unicodedata.normalize("NFC", message) == message


def test_codes_are_prefixed_and_stable() -> None:
    assert all(code.startswith("signature.") for code in SignatureErrorCode)
    assert [
        SignatureErrorCode.NOT_PDF.value,
        SignatureErrorCode.WRONG_PIN.value,
        SignatureErrorCode.TSA_UNAVAILABLE.value,
    ] == ["signature.not_pdf", "signature.wrong_pin", "signature.tsa_unavailable"]


def test_a_signing_error_is_a_domain_error_the_api_can_answer() -> None:
    error = SigningError(SignatureErrorCode.ENCRYPTED_PDF)

    assert isinstance(error, DomainError)
    assert (error.code, error.message, error.status, error.details) == (
        "signature.encrypted_pdf",
        "Tệp PDF được mã hóa bằng mật khẩu, không thể ký.",
        422,
        {},
    )


def test_the_message_follows_the_language_of_the_request() -> None:
    # The messages were once plain Vietnamese strings, shown as such on English pages.
    with translation.override("en"):
        error = SigningError(SignatureErrorCode.FILE_TOO_LARGE, values={"limit": 20})
    assert error.message == "The file is too large to check (at most 20 MB)."
    with translation.override("vi"):
        error = SigningError(SignatureErrorCode.WRONG_PIN)
    assert error.message == "Mã PIN không đúng."
