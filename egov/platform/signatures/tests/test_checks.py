"""Files entering the platform are validated by a job and the verdict kept."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pytest_django.fixtures import Settings

from egov.platform.jobs.models import Job
from egov.platform.jobs.worker import run_due
from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.checks import CHECK_TASK, request_check, run_check
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.models import CheckStatus, SignatureCheck
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI

from .documents import plain_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(name="configured")
def configured_fixture(test_pki: LoopbackPKI, settings: Settings) -> LoopbackPKI:
    settings.EGOV_SIGNATURES = {
        "tsa_url": test_pki.tsa_url,
        "trusted_roots": [str(test_pki.root_path)],
    }
    return test_pki


def _stored(data: bytes) -> str:
    return default_storage.save("tests/checks/file.pdf", ContentFile(data))


def test_a_signed_file_is_checked_by_the_job(
    configured: LoopbackPKI, config: SignatureConfig, org_backend: ServerKeyBackend
) -> None:
    name = _stored(sign_pdf(plain_pdf(), org_backend, field_name="CoQuan", config=config))

    check = request_check(purpose="office.incoming", object_pk=7, file_name=name)

    assert check is not None
    assert (check.status, check.checked_at) == (CheckStatus.PENDING, None)
    assert Job.objects.filter(task=CHECK_TASK).count() == 1
    run_due()
    check.refresh_from_db()
    assert (check.status, check.signatures, check.reason) == (
        CheckStatus.VALID,
        1,
        "Chữ ký số hợp lệ.",
    )
    [row] = check.report_rows()
    assert (row["signer_name"], row["organisation"], row["verdict"], row["revocation"]) == (
        "UBND huyện Chợ Đồn",
        "UBND huyện Chợ Đồn",
        "valid",
        "good",
    )
    assert row["signing_time"] is not None
    assert check.signed


def test_an_unsigned_and_an_unreadable_file(configured: LoopbackPKI) -> None:
    plain = request_check(purpose="office.incoming", object_pk=1, file_name=_stored(plain_pdf()))
    broken = request_check(
        purpose="office.incoming", object_pk=2, file_name=_stored(plain_pdf()[:600])
    )
    assert plain is not None and broken is not None

    run_due()

    plain.refresh_from_db()
    broken.refresh_from_db()
    assert (plain.status, plain.reason, plain.signed) == (
        CheckStatus.UNSIGNED,
        "Tệp không có chữ ký số.",
        False,
    )
    assert (broken.status, broken.reason) == (
        CheckStatus.UNREADABLE,
        "Tệp PDF bị hỏng, không đọc được.",
    )


def test_a_new_file_supersedes_the_check_and_the_job_is_idempotent(
    configured: LoopbackPKI,
) -> None:
    first = request_check(purpose="office.incoming", object_pk=3, file_name=_stored(plain_pdf()))
    assert first is not None
    run_check(first.pk)

    again = request_check(purpose="office.incoming", object_pk=3, file_name=_stored(plain_pdf()))

    assert again is not None and again.pk == first.pk
    assert again.status == CheckStatus.PENDING
    assert run_check(again.pk) == "unsigned (0)"
    assert run_check(again.pk) == "nothing to do"
    assert SignatureCheck.objects.count() == 1


def test_nothing_is_asked_without_signatures_configured(settings: Settings) -> None:
    settings.EGOV_SIGNATURES = None

    assert request_check(purpose="office.incoming", object_pk=1, file_name="x.pdf") is None
    assert (SignatureCheck.objects.count(), Job.objects.count()) == (0, 0)
