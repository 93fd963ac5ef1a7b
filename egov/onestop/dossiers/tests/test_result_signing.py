"""A PDF result recorded for online return is signed by the organisation,
its verdict kept, and the public tracking page says it is genuine; a
citizen's signed upload is validated and the verdict shown beside it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings as SettingsWrapper

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.scan_checks import SCAN_CHECK
from egov.onestop.dossiers.services import attach_scan, claim, move_on, record_result
from egov.onestop.dossiers.services.result_signing import RESULT_PURPOSE
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.procedures.models import OnlineClass, Procedure
from egov.platform.audit.models import AuditEvent
from egov.platform.jobs.worker import run_due
from egov.platform.signatures.backends.server_key import ServerKeyBackend
from egov.platform.signatures.config import SignatureConfig
from egov.platform.signatures.errors import SigningError
from egov.platform.signatures.models import CheckStatus, SignatureCheck
from egov.platform.signatures.signing import sign_pdf
from egov.platform.signatures.testing.pki import LoopbackPKI
from egov.platform.signatures.tests.conftest import PASSPHRASE, PASSPHRASE_ENV
from egov.platform.signatures.tests.conftest import test_pki_fixture as test_pki_fixture
from egov.platform.signatures.tests.documents import plain_pdf
from egov.platform.signatures.validation import Verdict, validate_pdf


@pytest.fixture(name="signing")
def signing_fixture(
    test_pki: LoopbackPKI, settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> LoopbackPKI:
    seal = test_pki.directory / "org.p12"
    if not seal.exists():
        seal.write_bytes(test_pki.pkcs12("org", PASSPHRASE.encode()))
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    settings.EGOV_SIGNATURES = {
        "tsa_url": test_pki.tsa_url,
        "trusted_roots": [str(test_pki.root_path)],
        "seal_pkcs12": str(seal),
        "seal_passphrase_env": PASSPHRASE_ENV,
    }
    return test_pki


def _approved(desk: Desk, cast: Cast, province: Province) -> Dossier:
    dossier = receive(desk, cast, province)
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    dossier = claim(actor=cast.specialist, dossier=dossier)
    dossier = move_on(actor=cast.specialist, dossier=dossier, action="forward")
    return move_on(actor=desk.commune_leader, dossier=dossier, action="approve")


def _record(cast: Cast, dossier: Dossier, data: bytes) -> Dossier:
    return record_result(
        actor=cast.reception,
        dossier=dossier,
        number="125/2026",
        signed_on=timezone.localdate(),
        signer="Trương Công Danh",
        file=SimpleUploadedFile("ket-qua.pdf", data, "application/pdf"),
    )


def test_a_pdf_result_is_signed_by_the_organisation_and_tracked_as_genuine(
    desk: Desk, cast: Cast, province: Province, signing: LoopbackPKI, client: Client
) -> None:
    dossier = _approved(desk, cast, province)

    dossier = _record(cast, dossier, plain_pdf())

    with dossier.result_file.open("rb") as handle:
        stored = handle.read()
    reports = validate_pdf(stored, _config(signing))
    assert [(r.field_name, r.signer_name, r.verdict) for r in reports] == [
        ("KetQua", "UBND huyện Chợ Đồn", Verdict.VALID)
    ]
    check = SignatureCheck.objects.get(purpose=RESULT_PURPOSE, object_pk=dossier.pk)
    assert (check.status, check.signatures, check.file_name) == (
        CheckStatus.VALID,
        1,
        dossier.result_file.name,
    )
    event = AuditEvent.objects.filter(event_type="dossiers.result_recorded").get()
    assert (event.details["signed"], event.details["signature_status"]) == (True, "valid")

    response = client.get(
        reverse("tracking:lookup"), {"ma": str(dossier.code), "bi_mat": dossier.tracking_secret}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đã được cơ quan ký số; chữ ký số hợp lệ, kết quả là bản gốc." in body

    # The applicant's own page says so beside the download (a "toàn trình" procedure).
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=cast.citizen)
    Procedure.objects.filter(pk=dossier.procedure_id).update(online_class=OnlineClass.FULL)
    client.force_login(cast.citizen)
    page = client.get(f"/dich-vu-cong/ho-so/{dossier.pk}/").content.decode()
    assert "Kết quả điện tử có chữ ký số hợp lệ của cơ quan." in page


def test_a_failed_signing_records_nothing_and_is_audited(
    desk: Desk,
    cast: Cast,
    province: Province,
    signing: LoopbackPKI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dossier = _approved(desk, cast, province)
    monkeypatch.delenv(PASSPHRASE_ENV)

    with pytest.raises(SigningError) as error:
        _record(cast, dossier, plain_pdf())

    assert error.value.code == "signature.key_unavailable"
    dossier.refresh_from_db()
    assert (dossier.status, dossier.result_number, dossier.result_file.name) == (
        DossierStatus.PROCESSING,
        "",
        "",
    )
    assert SignatureCheck.objects.count() == 0
    assert not AuditEvent.objects.filter(event_type="dossiers.result_recorded").exists()
    failed = AuditEvent.objects.filter(event_type="dossiers.result_signing_failed").get()
    assert (failed.actor_id, failed.details["error"]) == (
        cast.reception.pk,
        "signature.key_unavailable",
    )
    assert PASSPHRASE not in str(failed.details)


def test_without_signing_configured_the_result_is_kept_as_uploaded(
    desk: Desk, cast: Cast, province: Province, settings: SettingsWrapper
) -> None:
    settings.EGOV_SIGNATURES = None
    dossier = _approved(desk, cast, province)

    dossier = _record(cast, dossier, plain_pdf())

    with dossier.result_file.open("rb") as handle:
        assert handle.read() == plain_pdf()
    assert SignatureCheck.objects.count() == 0


def _config(pki: LoopbackPKI) -> SignatureConfig:
    return SignatureConfig(tsa_url=pki.tsa_url, trusted_roots=(pki.root_path,))


def test_a_signed_scan_is_validated_and_shown_beside_it(
    desk: Desk, cast: Cast, province: Province, signing: LoopbackPKI, client: Client
) -> None:
    dossier = receive(desk, cast, province)
    document = dossier.documents.order_by("pk").first()
    assert document is not None
    backend = ServerKeyBackend.from_config(_config_with_seal(signing))
    signed = sign_pdf(plain_pdf(), backend, field_name="CoQuan", config=_config(signing))

    attach_scan(
        actor=cast.reception,
        dossier=dossier,
        document=document,
        upload=SimpleUploadedFile("giay-to.pdf", signed, "application/pdf"),
    )
    run_due()

    check = SignatureCheck.objects.get(purpose=SCAN_CHECK, object_pk=document.pk)
    assert (check.status, check.signatures) == (CheckStatus.VALID, 1)
    client.force_login(cast.reception)
    body = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert '<span class="signature-check check-valid" title="Chữ ký số hợp lệ.">' in body


def _config_with_seal(pki: LoopbackPKI) -> SignatureConfig:
    return SignatureConfig(
        tsa_url=pki.tsa_url,
        trusted_roots=(pki.root_path,),
        seal_pkcs12=pki.directory / "org.p12",
        seal_passphrase_env=PASSPHRASE_ENV,
    )
