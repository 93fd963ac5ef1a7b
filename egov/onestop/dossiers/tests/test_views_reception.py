"""The reception page at Phường Long An's centre."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.dossiers.tests.samples import PDF as SCAN

TOKEN = "3f2b8c0e9a7d4b1c8e6f5a4d3c2b1a09"


def form_data(desk: Desk, province: Province, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "token": TOKEN,
        "procedure": desk.procedure.pk,
        "agency": province.long_an.pk,
        "applicant_kind": "person",
        "applicant_name": "Trần Văn An",
        "applicant_id_number": "072090001234",
        "applicant_address": "Khu phố 1, Phường Long An",
        "applicant_phone": "0912345678",
        "applicant_email": "an.tran@example.vn",
        "delegate_name": "",
        "delegate_id_number": "",
        "documents": [desk.documents[0].pk, desk.documents[1].pk],
        "outcome": "accept",
        "items": "",
        "reason": "",
    }
    data.update(overrides)
    return data


def url(province: Province) -> str:
    return f"/ho-so/tiep-nhan/?don_vi={province.long_an_centre.pk}"


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_form_lists_the_procedures_of_the_province(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    login(client, cast.reception)
    response = client.get(url(province))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Trung tâm Phục vụ hành chính công phường Long An" in page
    assert f'<option value="{desk.procedure.pk}">Thủ tục đăng ký khai sinh (1.001193)' in page
    assert 'enctype="multipart/form-data"' in page


def test_parts_fragment_lists_agencies_and_documents(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    login(client, cast.reception)
    response = client.get(
        f"/ho-so/tiep-nhan/thanh-phan/?don_vi={province.long_an_centre.pk}"
        f"&procedure={desk.procedure.pk}",
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert f'<option value="{province.long_an.pk}" selected>Phường Long An</option>' in page
    assert "Phường Tân Ninh" not in page
    assert page.count('type="checkbox" name="documents"') == 3
    assert f'name="scan_{desk.documents[1].pk}"' in page


def test_staff_without_a_centre_get_404(cast: Cast, province: Province, client: Client) -> None:
    login(client, cast.specialist)
    assert client.get(url(province)).status_code == 404


def test_accept_creates_the_dossier_and_shows_its_code(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    # Given the reception officer with the applicant's papers and a scan
    login(client, cast.reception)
    scan = SimpleUploadedFile("to-khai.pdf", SCAN, content_type="application/pdf")
    data = form_data(desk, province, **{f"scan_{desk.documents[0].pk}": scan})
    # When the form is submitted with "accept"
    response = client.post(url(province), data, follow=True)
    # Then the dossier is accepted and its page shows the code
    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.ACCEPTED
    assert response.redirect_chain == [(f"/ho-so/{dossier.pk}/", 302)]
    assert f"Đã tiếp nhận hồ sơ {dossier.code}." in response.content.decode()
    received = list(dossier.documents.order_by("pk").values_list("received", flat=True))
    assert received == [True, True, False]
    assert dossier.documents.order_by("pk")[0].scan.read() == SCAN


def test_missing_document_reshows_the_form_and_writes_nothing(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    login(client, cast.reception)
    response = client.post(
        url(province), form_data(desk, province, documents=[desk.documents[0].pk])
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Còn thiếu giấy tờ bắt buộc: Giấy chứng sinh." in page
    assert 'value="Trần Văn An"' in page
    assert f'value="{desk.documents[0].pk}" checked' in page
    assert Dossier.objects.count() == 0


def test_supplement_lists_the_missing_items(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    login(client, cast.reception)
    data = form_data(
        desk, province, documents=[], outcome="supplement", items="Giấy chứng sinh\nTờ khai"
    )
    client.post(url(province), data)
    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.SUPPLEMENT
    assert dossier.supplements.get().items == ["Giấy chứng sinh", "Tờ khai"]


def test_refuse_records_the_reason(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    login(client, cast.reception)
    data = form_data(desk, province, outcome="refuse", reason="Không thuộc thẩm quyền")
    client.post(url(province), data)
    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.NOT_ACCEPTED
    assert dossier.outcome_reason == "Không thuộc thẩm quyền"


def test_bad_phone_is_shown_in_vietnamese(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    login(client, cast.reception)
    response = client.post(url(province), form_data(desk, province, applicant_phone="12"))
    assert "Số điện thoại không đúng (ví dụ 0912345678)." in response.content.decode()
    assert Dossier.objects.count() == 0


def test_double_post_of_the_same_form_makes_one_dossier(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    login(client, cast.reception)
    first = client.post(url(province), form_data(desk, province))
    second = client.post(url(province), form_data(desk, province))
    dossier = Dossier.objects.get()
    assert first.headers["Location"] == f"/ho-so/{dossier.pk}/"
    assert second.headers["Location"] == f"/ho-so/{dossier.pk}/"
