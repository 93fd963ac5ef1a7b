"""B-LTA renewal: the last document timestamp's TSA certificate expiry, the
renewal's new timestamp (the document still valid), and the daily job that
renews what is due, audited, leaving a file as it was when the TSA is down."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.platform.audit.models import AuditEvent
from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import Level, SignatureConfig
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.models import CheckStatus, SignatureCheck
from egov.platform.signatures.renewal import (
    last_timestamp_expiry,
    needs_renewal,
    renew_archival_timestamp,
    renew_due,
)
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.validation import Verdict, validate_pdf

from .documents import plain_pdf
from .test_signing import closed_port


@pytest.fixture
def lta(config: SignatureConfig) -> SignatureConfig:
    return dataclasses.replace(config, level=Level.B_LTA)


@pytest.fixture
def lta_pdf(lta: SignatureConfig, org_backend: ServerKeyBackend) -> bytes:
    return sign_pdf(plain_pdf(), org_backend, field_name="CoQuan", config=lta)


def timestamps(pdf: bytes) -> int:
    return len(PdfFileReader(BytesIO(pdf)).embedded_timestamp_signatures)


def test_the_expiry_is_the_last_timestamps_tsa_certificates(
    lta_pdf: bytes, test_pki: LoopbackPKI, config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    b_lt = sign_pdf(plain_pdf(), org_backend, field_name="CoQuan", config=config)

    assert last_timestamp_expiry(lta_pdf) == test_pki.cert("tsa").not_valid_after
    assert last_timestamp_expiry(b_lt) is None


def test_renewal_is_due_within_the_configured_days(lta_pdf: bytes, lta: SignatureConfig) -> None:
    expiry = last_timestamp_expiry(lta_pdf)
    assert expiry is not None

    assert needs_renewal(lta_pdf, lta, expiry - timedelta(days=91)) is False
    assert needs_renewal(lta_pdf, lta, expiry - timedelta(days=90)) is True


def test_a_renewal_adds_a_document_timestamp_and_keeps_the_signature(
    lta_pdf: bytes, lta: SignatureConfig
) -> None:
    renewed = renew_archival_timestamp(lta_pdf, lta)

    assert renewed.startswith(lta_pdf)
    assert (timestamps(lta_pdf), timestamps(renewed)) == (1, 2)
    [report] = validate_pdf(renewed, lta)
    assert (report.field_name, report.intact, report.verdict) == ("CoQuan", True, Verdict.VALID)


def stored_check(pdf: bytes) -> SignatureCheck:
    name = default_storage.save("signatures/renewal-test.pdf", ContentFile(pdf))
    return SignatureCheck.objects.create(
        purpose="office.outgoing", object_pk=1, file_name=name, status=CheckStatus.VALID
    )


def stored(check: SignatureCheck) -> bytes:
    with default_storage.open(check.file_name, "rb") as handle:
        data: bytes = handle.read()
    return data


@pytest.mark.django_db
def test_the_job_renews_what_is_due_and_audits_it(lta_pdf: bytes, lta: SignatureConfig) -> None:
    check = stored_check(lta_pdf)

    assert renew_due(lta) == {"renewed": 0, "not_due": 1, "failed": 0}
    assert stored(check) == lta_pdf
    # Due: the TSA certificate expires within the (here very long) window.
    assert renew_due(dataclasses.replace(lta, lta_renew_days=100_000)) == {
        "renewed": 1,
        "not_due": 0,
        "failed": 0,
    }

    assert timestamps(stored(check)) == 2
    event = AuditEvent.objects.get(event_type="signatures.archival_timestamp_renewed")
    assert (event.target_id, event.details["file"]) == (str(check.pk), check.file_name)


@pytest.mark.django_db
def test_a_tsa_that_is_down_leaves_the_file_as_it_was(lta_pdf: bytes, lta: SignatureConfig) -> None:
    check = stored_check(lta_pdf)
    down = dataclasses.replace(
        lta, lta_renew_days=100_000, tsa_url=f"http://127.0.0.1:{closed_port()}/tsa"
    )

    assert renew_due(down) == {"renewed": 0, "not_due": 0, "failed": 1}
    assert stored(check) == lta_pdf
    assert (
        AuditEvent.objects.filter(event_type="signatures.archival_timestamp_renewed").count() == 0
    )
    with pytest.raises(SigningError) as raised:
        renew_archival_timestamp(lta_pdf, down)
    assert raised.value.code == "signature.tsa_unavailable"


@pytest.mark.django_db
def test_at_b_lt_the_job_does_nothing(lta_pdf: bytes, config: SignatureConfig) -> None:
    stored_check(lta_pdf)

    assert renew_due(dataclasses.replace(config, lta_renew_days=100_000)) == {
        "renewed": 0,
        "not_due": 0,
        "failed": 0,
    }
