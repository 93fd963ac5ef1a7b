"""Error codes of digital signatures, and the one error signing raises.

Each code is the stable `code` of a DomainError (egov/platform/core/errors.py):
the document office, the one-stop desk and the exchange match on it, so a
value never changes once published, and a code no longer raised is removed,
never reused. The codes carry a `signature.` prefix because they are shown
beside codes of the documents they sign.

A failed signing raises before any output exists: the caller keeps the
document it had, unsigned and unchanged, never half-signed (issue 12).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from egov.platform.core.errors import DomainError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class SignatureErrorCode(StrEnum):
    # No EGOV_SIGNATURES setting (or no timestamp authority): nothing can be signed.
    UNAVAILABLE = "signature.unavailable"
    # The file does not start with a PDF header.
    NOT_PDF = "signature.not_pdf"
    # The PDF is encrypted: it cannot be signed without its password.
    ENCRYPTED_PDF = "signature.encrypted_pdf"
    # The PDF's structure (xref table, trailer, objects) cannot be read.
    CORRUPT_PDF = "signature.corrupt_pdf"
    # The PKCS#11 token refused the PIN.
    WRONG_PIN = "signature.wrong_pin"
    # The token is locked after too many wrong PINs.
    PIN_LOCKED = "signature.pin_locked"
    # No token with that label, or no key or certificate with that label on it.
    TOKEN_NOT_FOUND = "signature.token_not_found"  # noqa: S105 - a code, not a secret
    # The seal key file is missing or its passphrase (environment) is wrong.
    KEY_UNAVAILABLE = "signature.key_unavailable"
    # The signer's certificate is revoked (CRL or OCSP).
    CERTIFICATE_REVOKED = "signature.certificate_revoked"
    # The signer's certificate is expired or not yet valid.
    CERTIFICATE_EXPIRED = "signature.certificate_expired"
    # The signer's certificate does not chain to a configured trusted root.
    CERTIFICATE_UNTRUSTED = "signature.certificate_untrusted"
    # Revocation information could not be fetched (CRL or OCSP server down).
    REVOCATION_UNAVAILABLE = "signature.revocation_unavailable"
    # The timestamp authority did not answer or answered with an error.
    TSA_UNAVAILABLE = "signature.tsa_unavailable"
    # The named signature field exists and is already signed.
    FIELD_ALREADY_SIGNED = "signature.field_already_signed"
    # A signature field of that name is already laid out in the document.
    FIELD_EXISTS = "signature.field_exists"
    # The document has no text field of that name to fill.
    FIELD_NOT_FOUND = "signature.field_not_found"
    # The placement box is outside the document (no such page, empty box).
    INVALID_BOX = "signature.invalid_box"
    # Anything else pyHanko refused while signing (details name it).
    SIGNING_FAILED = "signature.signing_failed"
    # Remote signing (remote/): the signer refused the request on their phone.
    REMOTE_REFUSED = "signature.remote_refused"
    # The signer did not answer before the transaction expired.
    REMOTE_TIMEOUT = "signature.remote_timeout"
    # The remote signing service did not answer, or answered nonsense.
    REMOTE_UNAVAILABLE = "signature.remote_unavailable"
    # The stored pending signature was altered (or is not one of ours).
    REMOTE_STATE_INVALID = "signature.remote_state_invalid"
    # The service returned a signature the signer's certificate does not verify.
    REMOTE_BAD_SIGNATURE = "signature.remote_bad_signature"
    # An uploaded signature or seal image is not a PNG Pillow can read.
    IMAGE_NOT_PNG = "signature.image_not_png"
    # An uploaded image is larger than images.MAX_BYTES or MAX_PIXELS.
    IMAGE_TOO_LARGE = "signature.image_too_large"
    # An uploaded image has no transparency (alpha channel or tRNS).
    IMAGE_NOT_TRANSPARENT = "signature.image_not_transparent"
    # The signer has uploaded no handwritten signature image.
    SIGNATURE_IMAGE_MISSING = "signature.signature_image_missing"
    # The organisation has no seal image.
    SEAL_IMAGE_MISSING = "signature.seal_image_missing"
    # The signer has no account at the remote signing service.
    NO_REMOTE_ACCOUNT = "signature.no_remote_account"
    # Only an administrator of the unit uploads its seal.
    NOT_ALLOWED = "signature.not_allowed"
    # A PDF given to the public verification page is larger than its limit.
    FILE_TOO_LARGE = "signature.file_too_large"
    # No file was given to the public verification page.
    FILE_MISSING = "signature.file_missing"
    # The client checked too many files in the window (verification.py).
    TOO_MANY_CHECKS = "signature.too_many_checks"
    # A trusted root upload (trustroots.py) is not a PEM or DER certificate.
    ROOT_NOT_CERTIFICATE = "signature.root_not_certificate"
    # The certificate is not a self-signed CA certificate.
    ROOT_NOT_CA = "signature.root_not_ca"
    # The certificate's validity has ended.
    ROOT_EXPIRED = "signature.root_expired"
    # The certificate is already a trusted root.
    ROOT_EXISTS = "signature.root_exists"
    # Only a platform administrator manages the trusted roots.
    ROOTS_NOT_ALLOWED = "signature.roots_not_allowed"


# Lazy: each message is read when raised, in the language of the request.
MESSAGES: dict[SignatureErrorCode, StrOrPromise] = {
    SignatureErrorCode.UNAVAILABLE: _("Chức năng ký số chưa được cấu hình trên hệ thống."),
    SignatureErrorCode.NOT_PDF: _("Tệp không phải là PDF."),
    SignatureErrorCode.ENCRYPTED_PDF: _("Tệp PDF được mã hóa bằng mật khẩu, không thể ký."),
    SignatureErrorCode.CORRUPT_PDF: _("Tệp PDF bị hỏng, không đọc được."),
    SignatureErrorCode.WRONG_PIN: _("Mã PIN không đúng."),
    SignatureErrorCode.PIN_LOCKED: _(
        "Thiết bị ký số đã bị khóa do nhập sai mã PIN quá số lần cho phép."
    ),
    SignatureErrorCode.TOKEN_NOT_FOUND: _(
        "Không tìm thấy thiết bị ký số hoặc chứng thư số trên thiết bị."
    ),
    SignatureErrorCode.KEY_UNAVAILABLE: _("Không mở được khóa ký của cơ quan."),
    SignatureErrorCode.CERTIFICATE_REVOKED: _("Chứng thư số đã bị thu hồi."),
    SignatureErrorCode.CERTIFICATE_EXPIRED: _("Chứng thư số đã hết hạn hoặc chưa có hiệu lực."),
    SignatureErrorCode.CERTIFICATE_UNTRUSTED: _(
        "Chứng thư số không được cấp bởi tổ chức chứng thực tin cậy."
    ),
    SignatureErrorCode.REVOCATION_UNAVAILABLE: _(
        "Không kiểm tra được tình trạng thu hồi của chứng thư số."
    ),
    SignatureErrorCode.TSA_UNAVAILABLE: _("Không kết nối được dịch vụ cấp dấu thời gian."),
    SignatureErrorCode.FIELD_ALREADY_SIGNED: _("Ô chữ ký này đã được ký."),
    SignatureErrorCode.FIELD_EXISTS: _("Tài liệu đã có ô chữ ký này."),
    SignatureErrorCode.FIELD_NOT_FOUND: _("Tài liệu không có ô cần điền."),
    SignatureErrorCode.INVALID_BOX: _("Vị trí chữ ký nằm ngoài tài liệu."),
    SignatureErrorCode.SIGNING_FAILED: _("Không ký được tài liệu."),
    SignatureErrorCode.REMOTE_REFUSED: _("Người ký đã từ chối yêu cầu ký số từ xa."),
    SignatureErrorCode.REMOTE_TIMEOUT: _(
        "Hết thời gian chờ người ký xác nhận yêu cầu ký số từ xa."
    ),
    SignatureErrorCode.REMOTE_UNAVAILABLE: _("Không kết nối được dịch vụ ký số từ xa."),
    SignatureErrorCode.REMOTE_STATE_INVALID: _(
        "Yêu cầu ký số đang chờ không hợp lệ hoặc đã bị sửa đổi."
    ),
    SignatureErrorCode.REMOTE_BAD_SIGNATURE: _(
        "Chữ ký do dịch vụ ký số từ xa trả về không khớp với chứng thư số của người ký."
    ),
    SignatureErrorCode.IMAGE_NOT_PNG: _("Ảnh phải là tệp PNG đọc được."),
    SignatureErrorCode.IMAGE_TOO_LARGE: _("Ảnh quá lớn (tối đa 1 MB và 2000 × 2000 điểm ảnh)."),
    SignatureErrorCode.IMAGE_NOT_TRANSPARENT: _("Ảnh phải có nền trong suốt (PNG có kênh alpha)."),
    SignatureErrorCode.SIGNATURE_IMAGE_MISSING: _(
        "Người ký chưa tải lên ảnh chữ ký tay (PNG nền trong suốt)."
    ),
    SignatureErrorCode.SEAL_IMAGE_MISSING: _("Cơ quan chưa có ảnh con dấu (PNG nền trong suốt)."),
    SignatureErrorCode.NO_REMOTE_ACCOUNT: _("Người ký chưa đăng ký tài khoản ký số từ xa."),
    SignatureErrorCode.NOT_ALLOWED: _("Chỉ quản trị của cơ quan mới được tải lên ảnh con dấu."),
    SignatureErrorCode.FILE_TOO_LARGE: _("Tệp quá lớn để kiểm tra (tối đa %(limit)s MB)."),
    SignatureErrorCode.FILE_MISSING: _("Cần chọn tệp PDF để kiểm tra."),
    SignatureErrorCode.TOO_MANY_CHECKS: _(
        "Bạn đã kiểm tra quá nhiều tệp. Vui lòng thử lại sau ít phút."
    ),
    SignatureErrorCode.ROOT_NOT_CERTIFICATE: _("Tệp không phải là chứng thư số (PEM hoặc DER)."),
    SignatureErrorCode.ROOT_NOT_CA: _(
        "Chứng thư số không phải là chứng thư gốc (tự ký, của tổ chức chứng thực)."
    ),
    SignatureErrorCode.ROOT_EXPIRED: _("Chứng thư số gốc đã hết hạn."),
    SignatureErrorCode.ROOT_EXISTS: _("Chứng thư số gốc này đã có trong danh sách tin cậy."),
    SignatureErrorCode.ROOTS_NOT_ALLOWED: _(
        "Chỉ quản trị hệ thống mới được quản lý chứng thư số gốc tin cậy."
    ),
}


class SigningError(DomainError):
    """Signing refused or failed; `code` says why, `message` says it in the request's language."""

    status = 422

    def __init__(
        self, code: SignatureErrorCode, *, detail: str = "", values: dict[str, object] | None = None
    ) -> None:
        # The detail (an exception's text) goes to the logs and the audit
        # event, never a PIN or passphrase: callers pass only library errors.
        message = str(MESSAGES[code]) % values if values else str(MESSAGES[code])
        super().__init__(code, message, details={"detail": detail} if detail else None)
