"""Validating the signatures of a PDF that enters the platform.

One report per signature, from pyHanko's validator (never our own crypto):
who signed, for which organisation, when, whether the chain ends at a root
the deployment trusts, the revocation status, whether the signed bytes are
intact, and what changed in the document after the signature. The verdict
and its reason in Vietnamese are what the document office, the one-stop desk
and the exchange show beside the document (issue 12, point 4).

Revocation is checked 'hard-fail' first, now, with what the PDF carries (its
Document Security Store, B-LT) and, where the deployment allows it, the OCSP
responders and CRLs named in the certificates. Where that fails and the
signature has a trusted timestamp, the certificate is checked again at the
timestamp's time with the embedded data only: a B-LT signature stays valid
years later, offline. Where that gives no answer either, a 'soft-fail' pass
tells a sound chain with an unknown revocation status (a warning) from a
chain that does not hold (invalid).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from pyhanko.sign.ades.report import AdESIndeterminate, AdESSubIndic
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

from .config import Revocation, SignatureConfig
from .pdfinput import read_pdf


class RevocationStatus(StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    # Neither the PDF nor (where allowed) the CA's services gave an answer.
    UNKNOWN = "unknown"


class Modification(StrEnum):
    """What changed after the signature (pyHanko's difference analysis)."""

    # Nothing, or only validation data and document timestamps (B-LT, B-LTA).
    NONE = "none"
    # Form fields filled in and further signatures added.
    FORM_FILLING = "form_filling"
    # Also comments and other annotations.
    ANNOTATIONS = "annotations"
    # Anything else: page content, new pages, objects rewritten.
    OTHER = "other"


class Verdict(StrEnum):
    VALID = "valid"
    VALID_WITH_WARNINGS = "valid_with_warnings"
    INVALID = "invalid"


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer_name: str
    organisation: str
    signing_time: datetime | None
    timestamp_present: bool
    trusted: bool
    revocation: RevocationStatus
    intact: bool
    modification: Modification
    # The changes after signing are within what the signature permits
    # (DocMDP/FieldMDP of a certification signature, or form filling and
    # further signatures for an approval signature).
    changes_permitted: bool
    verdict: Verdict
    reason: str


MODIFICATIONS = {
    ModificationLevel.NONE: Modification.NONE,
    ModificationLevel.LTA_UPDATES: Modification.NONE,
    ModificationLevel.FORM_FILLING: Modification.FORM_FILLING,
    ModificationLevel.ANNOTATIONS: Modification.ANNOTATIONS,
    ModificationLevel.OTHER: Modification.OTHER,
}

# pyHanko's indications for "the chain holds, revocation has no fresh answer".
UNANSWERED_REVOCATION = {
    AdESIndeterminate.TRY_LATER,
    AdESIndeterminate.REVOCATION_OUT_OF_BOUNDS_NO_POE,
}

REASON_VALID = "Chữ ký số hợp lệ."
REASON_NOT_INTACT = "Nội dung tài liệu đã bị thay đổi sau khi ký: chữ ký không còn giá trị."
REASON_BAD_SIGNATURE = "Chữ ký số không đúng với chứng thư số."
REASON_CHANGED = "Tài liệu bị sửa đổi sau khi ký ngoài phạm vi được phép."
REASON_REVOKED = "Chứng thư số của người ký đã bị thu hồi."
REASON_REVOKED_AFTER_SIGNING = (
    "Chứng thư số của người ký đã bị thu hồi sau thời điểm ký; chữ ký được tạo khi chứng thư "
    "còn hiệu lực."
)
REASON_EXPIRED = "Chứng thư số của người ký đã hết hạn hoặc chưa có hiệu lực tại thời điểm ký."
REASON_UNTRUSTED = "Chứng thư số không được cấp bởi tổ chức chứng thực tin cậy."
REASON_REVOCATION_UNKNOWN = "Không kiểm tra được tình trạng thu hồi của chứng thư số."
REASON_BAD_TIMESTAMP = "Dấu thời gian không khớp với chữ ký."
REASON_TIMESTAMP_UNVERIFIED = "Không xác thực được dấu thời gian."
REASON_NO_TIMESTAMP = "Chữ ký không có dấu thời gian: thời điểm ký do người ký tự khai."


def validate_pdf(pdf: bytes, config: SignatureConfig) -> list[SignatureReport]:
    """Reports for every signature of `pdf`, in the order they were applied.

    Raises SigningError (not_pdf, encrypted_pdf, corrupt_pdf) for a file that
    cannot be read at all; a PDF without signatures gives an empty list.
    """
    reader = read_pdf(pdf)
    try:
        dss: DocumentSecurityStore | None = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        dss = None
    return [_report(signature, config, dss) for signature in reader.embedded_regular_signatures]


def _context(
    config: SignatureConfig,
    dss: DocumentSecurityStore | None,
    mode: str,
    at: datetime | None = None,
) -> ValidationContext:
    kwargs: dict[str, Any] = {
        "trust_roots": config.roots(),
        "other_certs": config.extra_certs(),
        "allow_fetching": config.revocation == Revocation.FETCH and at is None,
        "revocation_mode": mode,
        "fetcher_backend": RequestsFetcherBackend(per_request_timeout=config.network_timeout),
        # Empty, not absent: offline and without a DSS, 'hard-fail' then
        # finds no revocation data (unknown) instead of refusing to start.
        "crls": [],
        "ocsps": [],
    }
    if at is not None:
        # At the signing time only what the PDF carries counts; it was
        # fetched seconds after the timestamp, hence retroactive.
        kwargs.update(moment=at, retroactive_revinfo=True)
    if dss is not None:
        return dss.as_validation_context(kwargs)
    return ValidationContext(**kwargs)


def _status(
    signature: EmbeddedPdfSignature,
    config: SignatureConfig,
    dss: DocumentSecurityStore | None,
    mode: str,
    at: datetime | None = None,
) -> PdfSignatureStatus:
    """The signer's certificate is checked now, or `at` the signing time;
    the timestamp's own certificate always now."""
    return validate_pdf_signature(
        signature,
        signer_validation_context=_context(config, dss, mode, at),
        ts_validation_context=_context(config, dss, mode),
    )


@dataclass(frozen=True)
class _Trust:
    trusted: bool
    revocation: RevocationStatus
    problem: AdESSubIndic | None
    # Revoked, but after the trusted timestamp: the signature was made while
    # the certificate was good (ETSI EN 319 102-1, proof of existence).
    revoked_after_signing: bool = False


def _trust(
    signature: EmbeddedPdfSignature,
    config: SignatureConfig,
    dss: DocumentSecurityStore | None,
    status: PdfSignatureStatus,
) -> _Trust:
    if status.trusted:
        return _Trust(True, RevocationStatus.GOOD, None)
    if not (status.intact and status.valid):
        return _Trust(False, RevocationStatus.UNKNOWN, status.trust_problem_indic)
    timestamp = status.timestamp_validity
    details = status.revocation_details
    if timestamp is not None and timestamp.trusted:
        if details is not None and details.revocation_date <= timestamp.timestamp:
            return _Trust(False, RevocationStatus.REVOKED, status.trust_problem_indic)
        # What B-LT is for: the embedded revocation data (its OCSP response
        # long expired) and the certificate (perhaps expired or revoked since)
        # are judged at the time the trusted timestamp proves.
        at_signing = _status(signature, config, dss, "hard-fail", at=timestamp.timestamp)
        if at_signing.trusted:
            revocation = RevocationStatus.REVOKED if details else RevocationStatus.GOOD
            return _Trust(True, revocation, None, revoked_after_signing=details is not None)
        if at_signing.revoked:
            return _Trust(False, RevocationStatus.REVOKED, at_signing.trust_problem_indic)
    if details is not None:
        return _Trust(False, RevocationStatus.REVOKED, status.trust_problem_indic)
    relaxed = _status(signature, config, dss, "soft-fail")
    if relaxed.revoked:
        return _Trust(False, RevocationStatus.REVOKED, relaxed.trust_problem_indic)
    # The path reached a configured root and only the revocation status has
    # no fresh enough answer: indeterminate, a warning, not invalid.
    problem = relaxed.trust_problem_indic
    trusted = relaxed.trusted or problem in UNANSWERED_REVOCATION
    return _Trust(trusted, RevocationStatus.UNKNOWN, problem)


def _report(
    signature: EmbeddedPdfSignature, config: SignatureConfig, dss: DocumentSecurityStore | None
) -> SignatureReport:
    status = _status(signature, config, dss, "hard-fail")
    judged = _trust(signature, config, dss, status)
    trusted, revocation, problem = judged.trusted, judged.revocation, judged.problem
    timestamp = status.timestamp_validity

    subject = status.signing_cert.subject.native
    level = status.modification_level
    modification = MODIFICATIONS[level] if level is not None else Modification.OTHER
    changes_permitted = bool(status.docmdp_ok) and modification != Modification.OTHER
    signing_time = timestamp.timestamp if timestamp is not None else status.signer_reported_dt

    problems: list[str] = []
    warnings: list[str] = []
    if not status.intact:
        problems.append(REASON_NOT_INTACT)
    elif not status.valid:
        problems.append(REASON_BAD_SIGNATURE)
    if status.intact and status.valid and not changes_permitted:
        problems.append(REASON_CHANGED)
    if judged.revoked_after_signing:
        warnings.append(REASON_REVOKED_AFTER_SIGNING)
    elif revocation == RevocationStatus.REVOKED:
        problems.append(REASON_REVOKED)
    elif not trusted and status.intact and status.valid:
        if problem in (AdESIndeterminate.EXPIRED, AdESIndeterminate.NOT_YET_VALID):
            problems.append(REASON_EXPIRED)
        else:
            problems.append(REASON_UNTRUSTED)
    if trusted and revocation == RevocationStatus.UNKNOWN:
        warnings.append(REASON_REVOCATION_UNKNOWN)
    if timestamp is None:
        warnings.append(REASON_NO_TIMESTAMP)
    elif not (timestamp.intact and timestamp.valid):
        problems.append(REASON_BAD_TIMESTAMP)
    elif not timestamp.trusted:
        warnings.append(REASON_TIMESTAMP_UNVERIFIED)

    if problems:
        verdict, reason = Verdict.INVALID, " ".join(problems)
    elif warnings:
        verdict, reason = Verdict.VALID_WITH_WARNINGS, " ".join(warnings)
    else:
        verdict, reason = Verdict.VALID, REASON_VALID
    return SignatureReport(
        field_name=str(signature.field_name),
        signer_name=str(subject.get("common_name", "")),
        organisation=str(subject.get("organization_name", "")),
        signing_time=signing_time,
        timestamp_present=timestamp is not None,
        trusted=trusted,
        revocation=revocation,
        intact=status.intact,
        modification=modification,
        changes_permitted=changes_permitted,
        verdict=verdict,
        reason=reason,
    )
