"""Verification in the REST API: anyone posts a PDF and gets, per signature,
who signed it and whether the signature holds, as the public page
/xac-thuc-van-ban/ shows it, under the same size limit and per-address
budget (verification.py)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from egov.platform.core.schemas import ErrorOut

from .errors import SigningError
from .validation import SignatureReport
from .verification import STATUS, count_check, max_bytes, verify_upload

router = Router()


class SignatureReportOut(Schema):
    field_name: str
    signer_name: str
    organisation: str
    signing_time: datetime | None
    timestamp_present: bool
    trusted: bool
    revocation: str
    intact: bool
    modification: str
    changes_permitted: bool
    verdict: str
    reason: str


class VerificationOut(Schema):
    # At least one signature and every one of them valid (with or without warnings).
    valid: bool
    signatures: list[SignatureReportOut]


@router.post(
    "/verify",
    response={200: VerificationOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Kiểm tra chữ ký số của một tệp PDF (multipart, trường file)",
)
def verify(request: HttpRequest, file: File[UploadedFile]) -> VerificationOut:
    try:
        count_check(request)
        reports = verify_upload(file.read(max_bytes() + 1), file.size or 0)
    except SigningError as error:
        error.status = STATUS.get(error.code, error.status)
        raise
    return VerificationOut(
        valid=bool(reports) and all(r.verdict != "invalid" for r in reports),
        signatures=[_out(report) for report in reports],
    )


def _out(report: SignatureReport) -> SignatureReportOut:
    return SignatureReportOut(**dataclasses.asdict(report))
