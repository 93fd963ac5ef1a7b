from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, DossierDocument
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.dossiers.tests.samples import JPEG, PDF, PNG
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput

EXE = b"MZ\x90\x00" + b"\x00" * 32


def test_scans_are_kept_when_their_content_is_pdf_or_image(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(
        desk,
        cast,
        province,
        scans={
            desk.documents[0].pk: SimpleUploadedFile("to-khai.pdf", PDF),
            desk.documents[1].pk: SimpleUploadedFile("chung-sinh.png", PNG),
        },
    )

    names = [d.scan.name for d in dossier.documents.order_by("pk")[:2]]
    assert re.fullmatch(r"scans/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", names[0])
    assert re.fullmatch(r"scans/\d{4}/\d{2}/[0-9a-f]{32}\.png", names[1])


def test_html_behind_a_pdf_header_is_refused_and_nothing_written(
    desk: Desk, cast: Cast, province: Province
) -> None:
    folder = Path(settings.MEDIA_ROOT)
    before = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    html = b"%PDF-1.7\n<html><script>fetch('/api/v1/dossiers/')</script></html>\n%%EOF\n"

    with pytest.raises(InvalidInput) as error:
        receive(
            desk,
            cast,
            province,
            scans={desk.documents[0].pk: SimpleUploadedFile("x.html", html, "application/pdf")},
        )

    after = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    assert error.value.code == "invalid_file_type"
    assert error.value.message == "Tệp «x.html» không phải PDF, JPEG hoặc PNG."
    assert Dossier.objects.count() == 0
    assert after == before


def test_a_jpeg_named_pdf_is_stored_as_jpeg(desk: Desk, cast: Cast, province: Province) -> None:
    dossier = receive(
        desk,
        cast,
        province,
        scans={desk.documents[0].pk: SimpleUploadedFile("to-khai.pdf", JPEG, "application/pdf")},
    )

    document = dossier.documents.order_by("pk")[0]
    assert re.fullmatch(r"scans/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", document.scan.name)
    assert document.scan.read() == JPEG


def test_a_truncated_image_is_refused(desk: Desk, cast: Cast, province: Province) -> None:
    with pytest.raises(InvalidInput) as error:
        receive(
            desk,
            cast,
            province,
            scans={desk.documents[0].pk: SimpleUploadedFile("a.png", PNG[:20])},
        )

    assert error.value.code == "invalid_file_type"
    assert Dossier.objects.count() == 0


def test_a_program_named_pdf_is_refused_and_nothing_written(
    desk: Desk, cast: Cast, province: Province
) -> None:
    with pytest.raises(InvalidInput) as error:
        receive(
            desk,
            cast,
            province,
            scans={desk.documents[0].pk: SimpleUploadedFile("to-khai.pdf", EXE)},
        )

    assert error.value.code == "invalid_file_type"
    assert error.value.message == "Tệp «to-khai.pdf» không phải PDF, JPEG hoặc PNG."
    assert Dossier.objects.count() == 0


def test_a_refusal_that_fails_leaves_no_scan_on_disk(
    desk: Desk, cast: Cast, province: Province
) -> None:
    folder = Path(settings.MEDIA_ROOT)
    before = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())

    with pytest.raises(InvalidInput) as error:
        receive(
            desk,
            cast,
            province,
            outcome="refuse",
            reason=" ",
            scans={desk.documents[0].pk: SimpleUploadedFile("to-khai.pdf", PDF)},
        )

    after = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    assert error.value.code == "reason_required"
    assert Dossier.objects.count() == 0
    assert DossierDocument.objects.count() == 0
    assert after == before


@override_settings(UPLOAD_MAX_MB=1)
def test_oversized_scan_is_refused(desk: Desk, cast: Cast, province: Province) -> None:
    big = SimpleUploadedFile("to-khai.pdf", PDF + b"0" * (1024 * 1024))

    with pytest.raises(InvalidInput) as error:
        receive(desk, cast, province, scans={desk.documents[0].pk: big})

    assert error.value.code == "file_too_large"
    assert error.value.message == "Tệp «to-khai.pdf» lớn hơn 1 MB."
    assert Dossier.objects.count() == 0


def test_scan_attached_through_the_api(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)
    document = DossierDocument.objects.filter(dossier=dossier).order_by("pk").first()
    assert document is not None
    url = f"/api/v1/dossiers/{dossier.pk}/documents/{document.pk}/scan"

    login(client, cast.outsider)
    denied = client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF)})
    login(client, cast.reception)
    wrong = client.post(url, {"file": SimpleUploadedFile("a.pdf", EXE)})
    ok = client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF)})

    assert denied.status_code == 404
    assert wrong.status_code == 422
    assert wrong.json()["code"] == "invalid_file_type"
    assert ok.status_code == 200
    assert ok.json()["name"] == "Tờ khai đăng ký khai sinh"
    assert AuditEvent.objects.filter(event_type="dossiers.scan_attached").count() == 1


def test_result_with_its_file_through_the_api(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    from egov.onestop.dossiers.services import move_on

    dossier = receive(desk, cast, province)
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    dossier = move_on(actor=cast.specialist, dossier=dossier, action="forward")
    dossier = move_on(actor=desk.commune_leader, dossier=dossier, action="approve")
    login(client, cast.reception)

    response = client.post(
        f"/api/v1/dossiers/{dossier.pk}/result/upload",
        {
            "number": "7/2026",
            "signed_on": timezone.localdate().isoformat(),
            "signer": "Trương Công Danh",
            "file": SimpleUploadedFile("giay-khai-sinh.pdf", PDF),
        },
    )

    assert response.status_code == 200
    assert response.json()["status"] == 9
    saved = Dossier.objects.get(pk=dossier.pk)
    assert re.fullmatch(r"results/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", saved.result_file.name)
    assert saved.result_number == "7/2026"
