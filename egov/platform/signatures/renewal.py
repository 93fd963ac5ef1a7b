"""B-LTA renewal: a new document timestamp before the last one's TSA
certificate expires (ETSI EN 319 142-1, PAdES-LTA; ETSI TS 119 102-1 on
archival validation).

A B-LTA document's long-term evidence is its last document timestamp: it
covers the signatures and the validation data. When the TSA certificate
that made it expires (or its algorithms weaken), the evidence must be
carried forward by a newer timestamp over everything, with the validation
data of the old one embedded first. pyHanko's
`update_archival_timestamp_chain` does exactly that in one incremental
update; the document's signatures and earlier revisions are untouched.

The job (tasks.renew_archival_timestamps, daily) looks at every file the
platform validated as signed (SignatureCheck) where the deployment signs at
B-LTA, and renews those whose last document timestamp expires within
`lta_renew_days`. The file is replaced atomically in the storage (write
beside it, then rename), so a reader sees the old or the new file, never
half of one. A TSA that is down leaves the file as it was; the next day
tries again, long before the deadline.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from datetime import datetime, timedelta
from io import BytesIO

from asn1crypto import cms
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps import TimeStamper

from egov.platform.audit.services import record_event

from .config import Level, SignatureConfig, signature_config
from .errors import SigningError
from .models import SIGNED_STATUSES, SignatureCheck
from .pdfinput import read_pdf
from .signing import timestamper, translate_error, validation_context

logger = logging.getLogger(__name__)


def tsa_expiry(signed_data: cms.SignedData) -> datetime | None:
    """When the certificate of the TSA that made a timestamp token expires."""
    sid = signed_data["signer_infos"][0]["sid"]
    if sid.name != "issuer_and_serial_number":
        return None
    wanted = sid.chosen
    for choice in signed_data["certificates"] or []:
        certificate = choice.chosen
        if (
            certificate.issuer == wanted["issuer"]
            and certificate.serial_number == wanted["serial_number"].native
        ):
            expiry: datetime = certificate.not_valid_after
            return expiry
    return None


def last_timestamp_expiry(pdf: bytes) -> datetime | None:
    """The expiry of the last document timestamp's TSA certificate; None for
    a PDF without a document timestamp (not B-LTA: nothing to renew)."""
    stamps = read_pdf(pdf).embedded_timestamp_signatures
    return tsa_expiry(stamps[-1].signed_data) if stamps else None


def needs_renewal(pdf: bytes, config: SignatureConfig, now: datetime | None = None) -> bool:
    expiry = last_timestamp_expiry(pdf)
    if expiry is None:
        return False
    return expiry - (now or timezone.now()) <= timedelta(days=config.lta_renew_days)


def renew_archival_timestamp(
    pdf: bytes, config: SignatureConfig, stamper: TimeStamper | None = None
) -> bytes:
    """`pdf` with the last timestamp's validation data and a new document timestamp."""
    reader = read_pdf(pdf)
    try:
        output = asyncio.run(
            PdfTimeStamper(stamper or timestamper(config)).async_update_archival_timestamp_chain(
                reader, validation_context(config), in_place=False, output=BytesIO()
            )
        )
    except Exception as error:
        raise translate_error(error) from error
    return bytes(output.getvalue())


def renew_due(config: SignatureConfig | None = None) -> dict[str, int]:
    """The job's pass: counts of renewed, not yet due, and failed files."""
    config = config or signature_config()
    counts = dict.fromkeys(("renewed", "not_due", "failed"), 0)
    if config is None or config.level != Level.B_LTA:
        return counts
    rows = SignatureCheck.objects.filter(status__in=SIGNED_STATUSES).order_by("pk")
    for check in rows.iterator():
        try:
            outcome = _renew_one(check, config)
        except (SigningError, OSError) as error:
            logger.warning("B-LTA renewal of %s failed: %s", check.file_name, error)
            outcome = "failed"
        counts[outcome] += 1
    return counts


def _renew_one(check: SignatureCheck, config: SignatureConfig) -> str:
    with default_storage.open(check.file_name, "rb") as handle:
        pdf: bytes = handle.read()
    if not needs_renewal(pdf, config):
        return "not_due"
    expiry = last_timestamp_expiry(pdf)
    renewed = renew_archival_timestamp(pdf, config)
    _replace(check.file_name, renewed)
    with transaction.atomic(durable=True):
        record_event(
            event_type="signatures.archival_timestamp_renewed",
            actor=None,
            target=check,
            details={
                "file": check.file_name,
                "previous_expiry": expiry.isoformat() if expiry else None,
                "bytes": len(renewed),
            },
        )
    return "renewed"


def _replace(name: str, data: bytes) -> None:
    """Write beside the stored file, then rename over it (atomic on one filesystem)."""
    path = default_storage.path(name)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".renewing")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
