# ruff: noqa: F811 - the fixtures imported from the dossiers and portal tests
"""Names typed in decomposed Unicode (NFD) are stored composed (NFC) and found (issue 16, item 6).

macOS and some phone keyboards send "Nguyễn" as "Nguyê" + combining tilde;
it looks the same and compares unequal, so the officer's search, typed in
NFC, would miss it. The input guard normalises every form field, query
string and JSON body; the data migrations normalise what was stored before.
"""

from __future__ import annotations

import importlib
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tests.conftest import Desk, desk, receive  # noqa: F401 - fixture
from egov.onestop.dossiers.tests.samples import PDF
from egov.onestop.portal.tests.conftest import (  # noqa: F401 - fixtures
    FORM_POST,
    PNG,
    Online,
    citizen,
    online,
    pdf,
)
from egov.platform.accounts.models import User
from egov.platform.core.text import nfc, nfc_json

NAME = "Nguyễn Thị Ánh Tuyết"
ADDRESS = "Ấp Bình Thạnh, Phường Long An"
NFD_NAME = unicodedata.normalize("NFD", NAME)
NFD_ADDRESS = unicodedata.normalize("NFD", ADDRESS)


def found_by_search(client: Client, term: str) -> list[str]:
    page = client.get("/ho-so/", {"tab": "mine", "q": term}).content.decode()
    return [part.split("</code>")[0] for part in page.split("<code>")[1:]]


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_the_spellings_differ_before_normalising() -> None:
    assert NFD_NAME != NAME
    assert len(NFD_NAME) == 26
    assert len(NAME) == 20
    assert nfc(NFD_NAME) == NAME
    assert nfc_json({"a": [NFD_NAME], "password": NFD_NAME}) == {
        "a": [NAME],
        "password": NFD_NAME,
    }


def test_the_reception_form_stores_an_nfd_name_in_nfc(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    # Given the reception officer typing the applicant's name on a Mac (NFD)
    login(client, cast.reception)
    data = {
        "token": "3f2b8c0e9a7d4b1c8e6f5a4d3c2b1a09",
        "procedure": desk.procedure.pk,
        "agency": province.long_an.pk,
        "applicant_kind": "person",
        "applicant_name": NFD_NAME,
        "applicant_id_number": "072090001234",
        "applicant_address": NFD_ADDRESS,
        "applicant_phone": "0912345678",
        "applicant_email": "",
        "delegate_name": "",
        "delegate_id_number": "",
        "documents": [desk.documents[0].pk, desk.documents[1].pk],
        "outcome": "accept",
        "items": "",
        "reason": "",
        f"scan_{desk.documents[0].pk}": SimpleUploadedFile(
            unicodedata.normalize("NFD", "tờ-khai.pdf"), PDF, content_type="application/pdf"
        ),
    }
    # When the form is submitted
    response = client.post(f"/ho-so/tiep-nhan/?don_vi={province.long_an_centre.pk}", data)
    # Then the name and address are stored composed, and found by both spellings
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.applicant_name, dossier.applicant_address) == (NAME, ADDRESS)
    assert found_by_search(client, "Ánh Tuyết") == [dossier.code]
    assert found_by_search(client, unicodedata.normalize("NFD", "Ánh Tuyết")) == [dossier.code]


def test_the_api_stores_an_nfd_name_in_nfc(
    client: Client, desk: Desk, cast: Cast, province: Province
) -> None:
    login(client, cast.reception)
    payload = {
        "receiving_unit_id": province.long_an_centre.pk,
        "procedure_code": "1.001193",
        "agency_id": province.long_an.pk,
        "applicant": {
            "name": NFD_NAME,
            "id_number": "072090001234",
            "phone": "0912345678",
            "address": NFD_ADDRESS,
        },
        "received_document_ids": [desk.documents[0].pk, desk.documents[1].pk],
        "outcome": "accept",
    }
    # Escaped (\u0303) as JSON encoders write by default, not raw UTF-8
    response = client.post("/api/v1/dossiers/", json.dumps(payload), "application/json")

    assert response.status_code == 201
    dossier = Dossier.objects.get()
    assert (dossier.applicant_name, dossier.applicant_address) == (NAME, ADDRESS)
    for term in ("Ánh Tuyết", unicodedata.normalize("NFD", "Ánh Tuyết")):
        listed = client.get("/api/v1/dossiers/", {"tab": "mine", "q": term}).json()
        assert [item["code"] for item in listed] == [dossier.code]
    assert found_by_search(client, "Ánh Tuyết") == [dossier.code]


def test_the_online_application_stores_nfd_text_in_nfc(
    client: Client, online: Online, citizen: User, province: Province, cast: Cast
) -> None:
    # Given a citizen whose profile name was typed decomposed
    login(client, citizen)
    profile = client.post(
        "/tai-khoan/ho-so/",
        {
            "full_name": NFD_NAME,
            "date_of_birth": "1990-05-01",
            "address": NFD_ADDRESS,
            "address_unit": str(province.long_an.pk),
        },
    )
    assert profile.status_code == 302
    # When they apply online with decomposed answers in the form
    documents = online.desk.documents
    data: dict[str, Any] = {
        "agency": str(province.long_an.pk),
        **FORM_POST,
        "f_child_name": unicodedata.normalize("NFD", "Nguyễn Gia Bảo"),
        "f_requester_name": NFD_NAME,
        f"tep_{documents[0].pk}": pdf("to-khai.pdf"),
        f"tep_{documents[1].pk}": SimpleUploadedFile("chung-sinh.png", PNG, "image/png"),
        "hanh_dong": "nop",
    }
    client.post("/dich-vu-cong/nop/1.001193/", data)
    # Then the account, the dossier and its form answers are composed
    citizen.refresh_from_db()
    assert citizen.full_name == NAME
    assert citizen.citizen_profile.address == ADDRESS
    dossier = Dossier.objects.get()
    assert dossier.applicant_name == NAME
    assert dossier.form_data["child_name"] == "Nguyễn Gia Bảo"
    assert dossier.form_data["requester_name"] == NAME


def test_the_data_migrations_compose_stored_rows(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # Given rows stored decomposed before the input guard normalised them
    dossier = receive(desk, cast, province)
    Dossier.objects.filter(pk=dossier.pk).update(
        applicant_name=NFD_NAME, applicant_address=NFD_ADDRESS, delegate_name=""
    )
    User.objects.filter(pk=cast.citizen.pk).update(full_name=NFD_NAME, last_name=NFD_NAME)
    untouched = receive(desk, cast, province)
    # When the data migrations run
    for app, name in [("dossiers", "0010_nfc_applicant_text"), ("accounts", "0002_nfc_names")]:
        module = importlib.import_module(f"{apps.get_app_config(app).name}.migrations.{name}")
        module.to_nfc(apps, None)
    # Then those rows are composed, the others as they were
    dossier.refresh_from_db()
    assert (dossier.applicant_name, dossier.applicant_address) == (NAME, ADDRESS)
    assert User.objects.values_list("full_name", "last_name").get(pk=cast.citizen.pk) == (
        NAME,
        NAME,
    )
    assert Dossier.objects.get(pk=untouched.pk).applicant_name == "Trần Văn An"
