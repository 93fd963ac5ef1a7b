"""The declaration printed from the e-form, and the blank templates anyone may download."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, DossierDocument
from egov.onestop.dossiers.services import accept_dossier
from egov.onestop.portal.tests.conftest import FORM_POST, PNG, Online, pdf
from egov.onestop.procedures.models import ProcedureDocument
from egov.platform.accounts.models import User

URL = "/dich-vu-cong/nop/1.001193/"


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    # Lines wrap where a space was: compare words, not line breaks.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _by_eform(online: Online) -> ProcedureDocument:
    declaration = online.desk.documents[0]
    declaration.filled_by_eform = True
    declaration.form_template = "Tờ khai đăng ký khai sinh"
    declaration.save()
    return declaration


def _post(online: Online, province: Province, **extra: Any) -> dict[str, Any]:
    # No file for the declaration: only the birth certificate.
    return {
        "agency": str(province.long_an.pk),
        **FORM_POST,
        f"tep_{online.desk.documents[1].pk}": SimpleUploadedFile(
            "chung-sinh.png", PNG, "image/png"
        ),
        "hanh_dong": "nop",
        **extra,
    }


def test_the_declaration_is_generated_from_the_form_and_attached_as_received(
    client: Client, online: Online, citizen: User, province: Province, cast: Cast
) -> None:
    declaration = _by_eform(online)
    login(client, citizen)

    response = client.post(URL, _post(online, province))

    assert response.status_code == 302
    dossier = Dossier.objects.get()
    rows = list(DossierDocument.objects.filter(dossier=dossier).order_by("pk"))
    assert [(d.procedure_document_id, d.received, bool(d.scan)) for d in rows] == [
        (declaration.pk, True, True),
        (online.desk.documents[1].pk, True, True),
        (online.desk.documents[2].pk, False, False),
    ]
    content = rows[0].scan.read()
    assert content.startswith(b"%PDF-")
    text = _text(content)
    # The child's and the applicant's names, with their diacritics.
    assert "Trần Gia Bảo" in text
    assert "Trần Văn An" in text
    assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in text
    assert "Kính gửi: Phường Long An" in text
    # The desk finds nothing missing: the dossier is accepted as it came.
    accepted = accept_dossier(actor=cast.reception, dossier=dossier)
    assert accepted.code is not None


def test_the_declaration_is_not_asked_for_as_a_file(
    client: Client, online: Online, citizen: User
) -> None:
    declaration = _by_eform(online)
    login(client, citizen)

    html = client.get(URL).content.decode()

    assert f'name="tep_{declaration.pk}"' not in html
    assert "Được lập tự động từ tờ khai điện tử ở mục 2" in html
    assert f'name="tep_{online.desk.documents[1].pk}"' in html


def test_without_the_flag_the_declaration_file_is_still_required(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)

    response = client.post(URL, _post(online, province))

    assert response.status_code == 422
    assert Dossier.objects.count() == 0
    assert (
        "Giấy tờ kèm theo – Tờ khai đăng ký khai sinh: Cần đính kèm giấy tờ này."
        in response.content.decode()
    )


def test_a_blank_template_is_generated_from_the_form_for_anyone(
    client: Client, online: Online
) -> None:
    declaration = _by_eform(online)

    response = client.get(f"/dich-vu-cong/mau/1.001193/{declaration.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="to-khai-1.001193.pdf"'
    text = _text(response.content)
    assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in text
    assert "Họ, chữ đệm, tên người được khai sinh" in text
    assert "Kính gửi:" in text


def test_an_uploaded_template_file_wins_over_the_generated_one(
    client: Client, online: Online
) -> None:
    declaration = _by_eform(online)
    declaration.template_file.save("mau.pdf", pdf("mau.pdf", b"%PDF-1.4 mau"), save=True)

    response = client.get(f"/dich-vu-cong/mau/1.001193/{declaration.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 mau"  # type: ignore[attr-defined]
    assert response["Content-Disposition"] == 'attachment; filename="mau-1.001193.pdf"'


def test_a_document_without_a_template_is_not_found(client: Client, online: Online) -> None:
    certificate = online.desk.documents[1]

    response = client.get(f"/dich-vu-cong/mau/1.001193/{certificate.pk}/")

    assert response.status_code == 404


def test_a_document_of_another_procedure_is_not_found(
    client: Client, online: Online, cast: Cast
) -> None:
    declaration = _by_eform(online)

    response = client.get(f"/dich-vu-cong/mau/1.000894/{declaration.pk}/")

    assert response.status_code == 404


def test_the_procedure_page_links_the_templates(client: Client, online: Online) -> None:
    declaration = _by_eform(online)

    html = client.get("/thu-tuc/1.001193/").content.decode()

    assert f'href="/dich-vu-cong/mau/1.001193/{declaration.pk}/"' in html
    assert html.count('href="/dich-vu-cong/mau/') == 1
