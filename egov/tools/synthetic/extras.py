"""What a simulated dossier leaves besides its hand-overs: the rows the indicators read.

The Decision 766 indicators (egov/onestop/reports/indicators) count, besides
the dossiers' dates, the documents received with their scans (digitised
components), the result file (electronic results), the fees paid through
the gateway (online payment) and the national-portal outbox (dossiers
synchronised on time). Without them the demo's indicator page shows honest
zeros that look like a broken system, so each life gets them here, at
realistic shares.

These draws use their own random stream (the generator's `extras_rng`): the
dossiers' own draws, which the seed's figures depend on, stay as they were.

Files: every scan points at one shared placeholder PDF and every result at
another (`ensure_placeholders`), so downloads work without thousands of
copies of a fake file.

Each outbox row carries the payload a real dossier would have sent at that
moment (portalsync.mapping's default builder, from the rows written here):
at the receipt, received and not ended; at the end, ended with its result;
at the return, returned. The result's link needs the dossier's key, so the
writer finishes it (`payload`).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from egov.onestop.dossiers.models import ApplicantKind, Channel, DossierStatus
from egov.onestop.payments.models import PaymentPurpose, PaymentStatus
from egov.onestop.portalsync.mapping import (
    APPLICANT_CODES,
    Document,
    PayloadSource,
    PortalFacts,
    Result,
    Supplement,
    build_dvcqg_public_2026,
    result_link,
)
from egov.onestop.portalsync.models import OutboxStatus, PortalService
from egov.onestop.reports.indicators.definition import paper_result_needs_electronic
from egov.tools.synthetic.plan import Route

Row = dict[str, Any]

# Shares; realistic for a province that works electronically, not measured.
P_DIGITISED = 0.92  # accepted dossiers whose every received document is scanned
P_ELECTRONIC_RESULT = 0.9  # finished dossiers with the result file
P_PAID_ONLINE = 0.9  # online dossiers of fee-bearing procedures paid through the gateway
P_SYNC_LATE = 0.02  # synchronisations sent after more than a day
P_SYNC_GAVE_UP = 0.005  # synchronisations that failed until an administrator must look

SCAN_NAME = "synthetic/ban-quet-mau.pdf"
RESULT_NAME = "synthetic/ket-qua-mau.pdf"
DOCUMENT_NAMES = [
    "Tờ khai theo mẫu",
    "Bản sao giấy tờ tùy thân",
    "Giấy tờ chứng minh nơi cư trú",
]
GATEWAY = "vnpay"
SYNC_ERROR = "HTTP 503: Cổng Dịch vụ công quốc gia tạm thời không phản hồi"

# A one-page PDF with no content: enough for a viewer to open.
_PLACEHOLDER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class Extras:
    """A dossier's rows besides its hand-overs, without the dossier's key."""

    def __init__(self) -> None:
        self.documents: list[Row] = []
        self.payment: Row | None = None
        self.outbox: list[Row] = []


def ensure_placeholders() -> None:
    for name in (SCAN_NAME, RESULT_NAME):
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(_PLACEHOLDER_PDF))


def add_extras(
    rng: random.Random,
    route: Route,
    f: Row,
    now_at: datetime,
    supplements: list[Row] | None = None,
) -> Extras:
    """The documents, payment and outbox rows of the dossier `f` (result file set in `f`)."""
    extras = Extras()
    received = f.get("received_at")
    if received is None:  # refused at the desk: nothing received, nothing synchronised
        return extras
    digitised = rng.random() < P_DIGITISED
    count = rng.randrange(1, len(DOCUMENT_NAMES) + 1)
    for index, name in enumerate(DOCUMENT_NAMES[:count]):
        # A dossier that is not digitised misses at least its last scan.
        scanned = digitised or index < count - 1
        extras.documents.append(
            {"name": name, "received": True, "copies": 1, "scan": SCAN_NAME if scanned else ""}
        )
    finished = f["status"] in (DossierStatus.FINISHED, DossierStatus.RETURNED)
    if finished and rng.random() < P_ELECTRONIC_RESULT:
        f["result_file"] = RESULT_NAME
    extras.payment = _payment(rng, route, f, received, now_at)
    # The outbox: the receipt, the end and the return, each as the services queue them.
    source = _source(route, f, extras, supplements or [])
    moments = [received, f.get("ended_at"), f.get("returned_at")]
    for at in moments:
        if at is not None and at <= now_at:
            row = _sync(rng, f, at, len(extras.outbox) + 1, now_at)
            row["payload"] = _as_of(source, at)
            extras.outbox.append(row)
    return extras


def _source(route: Route, f: Row, extras: Extras, supplements: list[Row]) -> PayloadSource:
    """The dossier as the payload sees it once its life is over (the result's link left out)."""
    documents = tuple(Document(row["name"], bool(row["scan"])) for row in extras.documents)
    status = int(f["status"])
    issued = status in (DossierStatus.FINISHED, DossierStatus.RETURNED)
    digitised = bool(documents) and all(d.scanned for d in documents)
    received: datetime = f["received_at"]
    if issued and not f.get("result_file"):
        # As portalsync.mapping._result_digitised: the definition's paper-result switch.
        digitised = digitised and not paper_result_needs_electronic(timezone.localdate(received))
    payment = extras.payment
    online = f["channel"] == Channel.ONLINE
    results: tuple[Result, ...] = ()
    if f.get("result_number") or f.get("result_file"):
        results = (
            Result(
                f.get("result_number") or "",
                route.result_type,
                f.get("result_date"),
                f.get("result_signer") or "",
                "",
            ),
        )
    return PayloadSource(
        code=f["code"] or "",
        procedure_code=route.procedure_code,
        procedure_name=route.procedure_name,
        applicant_name=f["applicant_name"],
        applicant_code=APPLICANT_CODES[ApplicantKind.PERSON],
        applicant_id_number=f["applicant_id_number"],
        submitted_at=f["created_at"] if online else received,
        received_at=received,
        appointment_at=f.get("appointment_at"),
        ended_at=f.get("ended_at"),
        returned_at=f.get("returned_at"),
        status=status,
        channel=int(f["channel"]),
        facts=PortalFacts(
            paid_gateway=payment["gateway"] if payment else "",
            digitised=digitised,
            field_code=route.field_code,
            processing_unit=route.processing_unit,
        ),
        documents=documents,
        fees=route.fees_online if online else route.fees_desk,
        supplements=tuple(
            Supplement(
                row["requested_at"],
                row.get("received_at"),
                row.get("appointment_before"),
                row.get("appointment_after"),
                "; ".join(str(item) for item in row["items"]),
            )
            for row in supplements
        ),
        results=results,
    )


def _as_of(source: PayloadSource, at: datetime) -> PayloadSource:
    """The source as it stood when the row at `at` was queued."""
    if source.ended_at is None or at < source.ended_at:
        # Received: nothing ended, no result; the supplements asked so far.
        return replace(
            source,
            status=int(DossierStatus.ACCEPTED),
            ended_at=None,
            returned_at=None,
            results=(),
            supplements=tuple(
                s for s in source.supplements if s.requested_at is not None and s.requested_at <= at
            ),
        )
    if source.returned_at is not None and at < source.returned_at:
        return replace(source, status=int(DossierStatus.FINISHED), returned_at=None)
    return source


def payload(source: PayloadSource, dossier_pk: int, *, result_file: bool) -> dict[str, Any]:
    """The row's payload, with the result's public link once the dossier has its key."""
    if result_file and source.results:
        source = replace(
            source, results=tuple(replace(r, link=result_link(dossier_pk)) for r in source.results)
        )
    return build_dvcqg_public_2026(source)


def _payment(
    rng: random.Random, route: Route, f: Row, received: datetime, now_at: datetime
) -> Row | None:
    user = f.get("applicant_user_id")
    # Only an online applicant has the account a payment belongs to (Payment.payer).
    if route.fee_vnd <= 0 or f["channel"] != Channel.ONLINE or user is None:
        return None
    if rng.random() >= P_PAID_ONLINE:
        return None
    paid = min(received + timedelta(seconds=rng.randrange(60, 3600)), now_at)
    return {
        "purpose": PaymentPurpose.FEE,
        "amount_vnd": route.fee_vnd,
        "gateway": GATEWAY,
        # Dossier codes are unique, so are these references.
        "txn_ref": f"SYN{f['code']}"[:40],
        "status": PaymentStatus.PAID,
        "gateway_txn_no": str(rng.randrange(10**7, 10**8)),
        "response_code": "00",
        "paid_at": paid,
        "payer_id": user,
        "created_at": received,
        "updated_at": paid,
    }


def _sync(rng: random.Random, f: Row, at: datetime, sequence: int, now_at: datetime) -> Row:
    u = rng.random()
    row: Row = {
        "sequence": sequence,
        "event": "synthetic",
        "service": PortalService.DOSSIER,
        "payload": {},
        "created_at": at,
        "attempts": 1,
    }
    if u < P_SYNC_GAVE_UP:
        # Never sent: an administrator must look ("Cần xử lý"); the worker leaves it.
        row.update(status=OutboxStatus.GAVE_UP, attempts=8, last_error=SYNC_ERROR)
        return row
    if u < P_SYNC_GAVE_UP + P_SYNC_LATE:
        delay = rng.randrange(25 * 3600, 72 * 3600)
        row["attempts"] = 6
    else:
        delay = rng.randrange(5, 600)
    row.update(status=OutboxStatus.SENT, sent_at=min(at + timedelta(seconds=delay), now_at))
    return row
