"""The public verification page's rules: how large a file, how many per client.

Anyone may upload a PDF to /xac-thuc-van-ban/ and learn, per signature, who
signed it and whether the signature holds (issue 12, point 5: "a
verification page where anyone uploads a PDF"). Validation costs CPU and
OCSP/CRL requests, so each client address gets a budget, counted in
Django's default cache like the tracking lookups and the confirmation
messages (citizens/sending_limits.py): at most EGOV_VERIFICATION_LIMIT files
(default 20) per EGOV_VERIFICATION_WINDOW_SECONDS (default 600), and a file
of at most EGOV_VERIFICATION_MAX_MB megabytes (default 20).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from egov.platform.citizens.lockout import lockout_address

from .config import require_config
from .errors import SignatureErrorCode, SigningError
from .validation import SignatureReport, validate_pdf

DEFAULT_LIMIT = 20
DEFAULT_WINDOW_SECONDS = 600
DEFAULT_MAX_MB = 20
# The HTTP status of the refusals that are not a bad file (422), for the page and the API.
STATUS: dict[str, int] = {
    SignatureErrorCode.TOO_MANY_CHECKS: 429,
    SignatureErrorCode.FILE_TOO_LARGE: 413,
}


def max_bytes() -> int:
    return int(getattr(settings, "EGOV_VERIFICATION_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def window_seconds() -> int:
    return int(getattr(settings, "EGOV_VERIFICATION_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS))


def count_check(request: HttpRequest) -> None:
    """Count one file checked by this client, or SigningError too_many_checks."""
    limit = int(getattr(settings, "EGOV_VERIFICATION_LIMIT", DEFAULT_LIMIT))
    window = window_seconds()
    key = f"signatures:checks:{lockout_address(request) or 'unknown'}"
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = int(cache.incr(key))
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
            count = 1
    if count > limit:
        raise SigningError(SignatureErrorCode.TOO_MANY_CHECKS)


def verify_upload(data: bytes | None, size: int) -> list[SignatureReport]:
    """The reports of an uploaded PDF, or SigningError with the reason:
    unavailable, file_missing, file_too_large, not_pdf, encrypted_pdf,
    corrupt_pdf."""
    config = require_config()
    if data is None:
        raise SigningError(SignatureErrorCode.FILE_MISSING)
    if size > max_bytes() or len(data) > max_bytes():
        raise SigningError(
            SignatureErrorCode.FILE_TOO_LARGE, values={"limit": max_bytes() // (1024 * 1024)}
        )
    return validate_pdf(data, config)
