"""Validating the PDFs that enter the platform, and keeping the result with them.

Every signed PDF that arrives (an incoming document the clerk registers, a
citizen's upload, a result the one-stop desk returns) is validated (issue 12,
point 4). Validation may fetch OCSP answers and CRLs, seconds each, so the
domain only asks for it inside its own transaction (`request_check`): a
pending row and a job, which commit with the file or not at all. The
worker's job (`run_check`) reads the file, validates it and stores the
verdict; the domain shows it beside the file (`check_for`) and counts it in
its statistics (`signed_exists`).

The verdict of a file is the worst of its signatures': invalid if one is,
valid with warnings if one has a warning, otherwise valid; a PDF without any
signature is "unsigned", a file that cannot be read "unreadable".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from egov.platform.jobs.queue import enqueue

from .config import SignatureConfig, signature_config
from .errors import SigningError
from .models import SIGNED_STATUSES, CheckStatus, SignatureCheck
from .validation import SignatureReport, Verdict, validate_pdf

CHECK_TASK = "signatures.check_file"

UNSIGNED_REASON = "Tệp không có chữ ký số."
VERDICT_STATUS = {
    Verdict.VALID: CheckStatus.VALID,
    Verdict.VALID_WITH_WARNINGS: CheckStatus.VALID_WITH_WARNINGS,
    Verdict.INVALID: CheckStatus.INVALID,
}
# Worst first: the file's status is the first one any signature has.
SEVERITY = (Verdict.INVALID, Verdict.VALID_WITH_WARNINGS, Verdict.VALID)


def report_json(report: SignatureReport) -> dict[str, Any]:
    data = asdict(report)
    data["signing_time"] = report.signing_time.isoformat() if report.signing_time else None
    return {key: str(value) if hasattr(value, "value") else value for key, value in data.items()}


def summary(reports: Sequence[SignatureReport]) -> tuple[CheckStatus, str]:
    """The file's status and its reason in Vietnamese, from its signatures'."""
    if not reports:
        return CheckStatus.UNSIGNED, UNSIGNED_REASON
    for verdict in SEVERITY:
        reasons = [r.reason for r in reports if r.verdict == verdict]
        if reasons:
            if verdict == Verdict.VALID:
                return CheckStatus.VALID, reasons[0]
            return VERDICT_STATUS[verdict], " ".join(dict.fromkeys(reasons))
    raise AssertionError("a verdict outside Verdict")  # pragma: no cover


def request_check(*, purpose: str, object_pk: int, file_name: str) -> SignatureCheck | None:
    """Ask for the validation of a stored PDF, inside the caller's transaction.

    Nothing happens where the deployment configured no signatures (no
    trusted roots to validate against). A new file replaces an older check
    of the same object."""
    if signature_config() is None:
        return None
    check, _created = SignatureCheck.objects.update_or_create(
        purpose=purpose,
        object_pk=object_pk,
        defaults={
            "file_name": file_name,
            "status": CheckStatus.PENDING,
            "signatures": 0,
            "reports": [],
            "reason": "",
            "checked_at": None,
        },
    )
    enqueue(CHECK_TASK, unique_key=f"{CHECK_TASK}:{check.pk}", check=check.pk)
    return check


def record_signed(*, purpose: str, object_pk: int, file_name: str, pdf: bytes) -> SignatureCheck:
    """Validate a PDF the platform has just signed and keep the result now
    (the tracking page says at once whether the result is genuine)."""
    check = SignatureCheck(purpose=purpose, object_pk=object_pk, file_name=file_name)
    _validate_into(check, pdf, signature_config())
    SignatureCheck.objects.filter(purpose=purpose, object_pk=object_pk).delete()
    check.save()
    return check


def run_check(check_id: int) -> str:
    """The job: validate the file of a pending check and store the verdict.

    Idempotent: a check already done, or one whose file has since been
    replaced (a newer request reset it), is left as it is."""
    check = SignatureCheck.objects.filter(pk=check_id).first()
    if check is None or check.status != CheckStatus.PENDING:
        return "nothing to do"
    file_name = check.file_name
    try:
        with default_storage.open(file_name, "rb") as handle:
            pdf: bytes = handle.read()
    except OSError:
        pdf = b""
    _validate_into(check, pdf, signature_config())
    with transaction.atomic(durable=True):
        # Stored only if nobody asked again for this object meanwhile.
        updated = SignatureCheck.objects.filter(
            pk=check.pk, file_name=file_name, status=CheckStatus.PENDING
        ).update(
            status=check.status,
            signatures=check.signatures,
            reports=check.reports,
            reason=check.reason,
            checked_at=check.checked_at,
        )
    return f"{check.status} ({check.signatures})" if updated else "superseded"


def _validate_into(check: SignatureCheck, pdf: bytes, config: SignatureConfig | None) -> None:
    check.checked_at = timezone.now()
    if config is None:
        check.status, check.reason = CheckStatus.PENDING, ""
        return
    try:
        reports = validate_pdf(pdf, config)
    except SigningError as error:
        check.status, check.reason, check.signatures, check.reports = (
            CheckStatus.UNREADABLE,
            error.message,
            0,
            [],
        )
        return
    check.status, check.reason = summary(reports)
    check.signatures = len(reports)
    check.reports = [report_json(report) for report in reports]


def check_for(purpose: str, object_pk: int) -> SignatureCheck | None:
    return SignatureCheck.objects.filter(purpose=purpose, object_pk=object_pk).first()


def checks_for(purpose: str, object_pks: Iterable[int]) -> dict[int, SignatureCheck]:
    """The checks of many objects in one query, by object pk (list pages)."""
    rows = SignatureCheck.objects.filter(purpose=purpose, object_pk__in=list(object_pks))
    return {row.object_pk: row for row in rows}


def signed_exists(purpose: str, outer: str = "pk") -> Exists:
    """`Exists(...)` for annotating a domain queryset: its row's file carries
    at least one valid signature (valid, or valid with warnings)."""
    return Exists(
        SignatureCheck.objects.filter(
            purpose=purpose, object_pk=OuterRef(outer), status__in=SIGNED_STATUSES
        )
    )
