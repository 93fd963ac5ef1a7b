from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Channel, Dossier, DossierDocument, DossierStatus
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.payments.models import Payment
from egov.onestop.portal.models import Application, ApplicationFile, ApplicationStatus, StoredResult
from egov.onestop.portal.services import save_draft
from egov.onestop.portal.tests.conftest import FORM_DATA, FORM_POST, PDF, PNG, Online, pdf
from egov.onestop.procedures.models import OnlineClass
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent

URL = "/dich-vu-cong/nop/1.001193/"


def _post(online: Online, province: Province, **extra: Any) -> dict[str, Any]:
    documents = online.desk.documents
    data: dict[str, Any] = {
        "agency": str(province.long_an.pk),
        **FORM_POST,
        f"tep_{documents[0].pk}": pdf("to-khai.pdf"),
        f"tep_{documents[1].pk}": SimpleUploadedFile("chung-sinh.png", PNG, "image/png"),
        "hanh_dong": "nop",
    }
    data.update(extra)
    return data


def _kept_as_draft(*names: str) -> Application:
    """A refused submit registers nothing but keeps the page's input, files included,
    as the citizen's draft. Files show by their kind (their names are random)."""
    assert Dossier.objects.count() == 0
    draft = Application.objects.get()
    assert draft.status == ApplicationStatus.DRAFT
    assert sorted(f.display_name for f in draft.files.all()) == sorted(names)
    return draft


def _nothing_written() -> None:
    assert Application.objects.count() == 0
    assert ApplicationFile.objects.count() == 0
    assert Dossier.objects.count() == 0
    assert AuditEvent.objects.filter(event_type__startswith="portal.").count() == 0
    # Nor on disk: the uploads of a refused submission are not kept.
    media = Path(django_settings.MEDIA_ROOT)
    written = [p for folder in ("applications", "scans") for p in (media / folder).rglob("*")]
    assert [p.name for p in written if p.is_file()] == []


def test_the_apply_page_shows_fees_agency_and_a_prefilled_form(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Phí, lệ phí: 8.000 đồng" in html
    assert f'<option value="{province.long_an.pk}" selected>Phường Long An</option>' in html
    assert 'value="Trần Văn An"' in html
    assert 'value="072090001234"' in html
    for document in online.desk.documents:
        assert f'name="tep_{document.pk}"' in html


def test_a_procedure_without_a_form_gets_a_plain_request_and_free_is_said(
    client: Client, online: Online, citizen: User
) -> None:
    FormDefinition.objects.all().delete()
    online.desk.procedure.charge_vnd = 0
    online.desk.procedure.save()
    login(client, citizen)

    html = client.get(URL).content.decode()

    assert "Nội dung yêu cầu" in html
    assert 'name="noi_dung"' in html
    assert "Phí, lệ phí: Miễn phí" in html


def test_a_draft_is_saved_and_resumed(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    # Given a citizen who fills half the form and one document
    login(client, citizen)
    documents = online.desk.documents
    # When they save a draft
    response = client.post(
        URL,
        {
            "agency": str(province.long_an.pk),
            "f_child_name": "Trần Gia Bảo",
            f"tep_{documents[1].pk}": pdf(),
            "hanh_dong": "luu",
        },
    )
    # Then the draft holds what they gave, and nothing reached the desk
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/dich-vu-cong/nhap/{application.pk}/"
    assert application.status == ApplicationStatus.DRAFT
    assert application.agency == province.long_an
    assert application.form_data == {"child_name": "Trần Gia Bảo"}
    row = ApplicationFile.objects.get()
    assert row.procedure_document == documents[1]
    assert row.file.read() == PDF
    assert Dossier.objects.count() == 0
    # When they come back later, the draft shows what they saved
    html = client.get(response["Location"]).content.decode()
    assert 'value="Trần Gia Bảo"' in html
    assert "Đã đính kèm: tệp PDF" in html
    assert client.get("/dich-vu-cong/").content.decode().count(response["Location"]) == 1
    # and submitting from the draft adds only the missing document
    response = client.post(
        response["Location"],
        {
            "agency": str(province.long_an.pk),
            **FORM_POST,
            f"tep_{documents[0].pk}": pdf("to-khai.pdf"),
            "hanh_dong": "nop",
        },
    )
    dossier = Dossier.objects.get()
    assert Application.objects.get().dossier == dossier
    assert sorted(
        DossierDocument.objects.filter(dossier=dossier, received=True).values_list(
            "procedure_document_id", flat=True
        )
    ) == [documents[0].pk, documents[1].pk]


def test_submitting_registers_exactly_one_new_online_dossier(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)

    response = client.post(URL, _post(online, province))

    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.NEW
    assert dossier.channel == Channel.ONLINE
    assert dossier.applicant_user == citizen
    assert dossier.form_data == FORM_DATA
    assert dossier.receiving_unit == province.long_an_centre
    assert dossier.agency == province.long_an
    assert dossier.code is None
    assert (dossier.applicant_name, dossier.applicant_id_number, dossier.applicant_phone) == (
        "Trần Văn An",
        "072090001234",
        "0912345678",
    )
    assert dossier.applicant_address == "Khu phố 1, Phường Long An, Tỉnh Tây Ninh"
    documents = list(DossierDocument.objects.filter(dossier=dossier).order_by("pk"))
    assert [(d.name, d.received) for d in documents] == [
        ("Tờ khai đăng ký khai sinh", True),
        ("Giấy chứng sinh", True),
        ("Văn bản ủy quyền", False),
    ]
    assert documents[0].scan.read() == PDF
    assert documents[1].scan.read() == PNG
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.dossier == dossier
    assert application.form_version == 1
    assert list(
        AuditEvent.objects.filter(
            Q(event_type__startswith="portal.") | Q(event_type__startswith="dossiers.")
        )
        .order_by("pk")
        .values_list("event_type", "target_id")
    ) == [
        ("portal.draft_saved", str(application.pk)),
        ("dossiers.registered", str(dossier.pk)),
        ("portal.application_submitted", str(application.pk)),
    ]
    # With 8.000 đồng of charges the citizen goes on to pay them
    payment = Payment.objects.get()
    assert (payment.dossier, payment.purpose, payment.amount_vnd) == (dossier, "fee", 8000)
    assert response.status_code == 302
    assert response["Location"].startswith("http://127.0.0.1:8000/thanh-toan/sandbox-bank/?")


def test_a_free_procedure_goes_straight_to_the_dossier_page(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    online.desk.procedure.charge_vnd = 0
    online.desk.procedure.save()
    login(client, citizen)

    response = client.post(URL, _post(online, province))

    dossier = Dossier.objects.get()
    assert response["Location"] == f"/dich-vu-cong/ho-so/{dossier.pk}/"
    assert Payment.objects.count() == 0


def test_a_form_failing_its_schema_shows_vietnamese_messages_and_keeps_a_draft(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)

    response = client.post(URL, _post(online, province, f_child_name="", f_requester_id="07209000"))

    assert response.status_code == 422
    html = response.content.decode()
    assert "Vui lòng kiểm tra lại 2 mục dưới đây" in html
    assert "Trường này là bắt buộc." in html
    assert "Số định danh cá nhân gồm đúng 12 chữ số." in html
    _kept_as_draft("tệp PDF", "tệp PNG")


def test_a_missing_required_document_is_named_and_a_draft_kept(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)
    data = _post(online, province)
    del data[f"tep_{online.desk.documents[1].pk}"]

    response = client.post(URL, data)

    assert response.status_code == 422
    assert (
        "Giấy tờ kèm theo – Giấy chứng sinh: Cần đính kèm giấy tờ này." in response.content.decode()
    )
    _kept_as_draft("tệp PDF")


def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused_whatever_its_name(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)
    fake = SimpleUploadedFile("chung-sinh.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    for action in ("luu", "nop"):
        response = client.post(
            URL,
            _post(
                online, province, hanh_dong=action, **{f"tep_{online.desk.documents[1].pk}": fake}
            ),
        )
        fake.seek(0)

        assert response.status_code == 422
        assert "Tệp «chung-sinh.pdf» không phải PDF, JPEG hoặc PNG." in response.content.decode()
        _nothing_written()


def test_an_oversized_file_is_refused(
    client: Client, online: Online, citizen: User, province: Province, settings: Settings
) -> None:
    settings.UPLOAD_MAX_MB = 1
    login(client, citizen)
    big = pdf("chung-sinh.pdf", PDF + b"0" * (1024 * 1024))

    response = client.post(
        URL, _post(online, province, **{f"tep_{online.desk.documents[1].pk}": big})
    )

    assert response.status_code == 422
    assert "Tệp «chung-sinh.pdf» lớn hơn 1 MB." in response.content.decode()
    _nothing_written()


def test_an_agency_that_does_not_decide_the_procedure_is_refused(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)

    response = client.post(URL, _post(online, province, agency=str(province.tan_ninh.pk)))

    assert response.status_code == 422
    assert "Cơ quan đã chọn không giải quyết thủ tục này trực tuyến." in response.content.decode()
    _nothing_written()


def test_a_result_from_the_personal_store_is_attached_instead_of_an_upload(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    stored = StoredResult.objects.create(
        user=citizen, title="Giấy chứng sinh số 12", file=pdf("kho.pdf", PDF + b"kho")
    )
    login(client, citizen)
    data = _post(online, province, **{f"kho_{online.desk.documents[1].pk}": str(stored.pk)})
    del data[f"tep_{online.desk.documents[1].pk}"]

    client.post(URL, data)

    document = DossierDocument.objects.get(procedure_document=online.desk.documents[1])
    assert document.received is True
    assert document.scan.read() == PDF + b"kho"
    assert (
        ApplicationFile.objects.get(procedure_document=online.desk.documents[1]).stored_result
        == stored
    )


def test_someone_elses_stored_result_cannot_be_attached(
    client: Client, online: Online, citizen: User, other: User, province: Province
) -> None:
    theirs = StoredResult.objects.create(user=other, title="Của người khác", file=pdf())
    login(client, citizen)

    response = client.post(
        URL, _post(online, province, **{f"kho_{online.desk.documents[2].pk}": str(theirs.pk)})
    )

    assert response.status_code == 422
    assert "Không tìm thấy giấy tờ trong kho." in response.content.decode()
    _nothing_written()


def test_someone_elses_draft_is_not_found_and_not_changed(
    client: Client, online: Online, citizen: User, other: User, province: Province
) -> None:
    login(client, citizen)
    client.post(URL, {"agency": str(province.long_an.pk), "f_child_name": "A", "hanh_dong": "luu"})
    draft = Application.objects.get()
    login(client, other)

    assert client.get(f"/dich-vu-cong/nhap/{draft.pk}/").status_code == 404
    response = client.post(f"/dich-vu-cong/nhap/{draft.pk}/", _post(online, province))

    assert response.status_code == 404
    draft.refresh_from_db()
    assert (draft.status, draft.form_data) == (ApplicationStatus.DRAFT, {"child_name": "A"})
    assert Dossier.objects.count() == 0
    assert "Trần Gia Bảo" not in client.get("/dich-vu-cong/").content.decode()


@pytest.mark.parametrize("online_class", [OnlineClass.NONE])
def test_a_procedure_not_offered_online_is_not_found(
    client: Client, online: Online, citizen: User, online_class: str
) -> None:
    online.desk.procedure.online_class = online_class
    online.desk.procedure.save()
    login(client, citizen)

    assert client.get(URL).status_code == 404


def test_staff_get_a_403_page_and_visitors_the_login(
    client: Client, online: Online, cast: Cast, province: Province
) -> None:
    assert client.get(URL)["Location"].startswith("/dang-nhap/")
    login(client, cast.reception)

    for url in (URL, "/dich-vu-cong/", "/dich-vu-cong/kho-ket-qua/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Không có quyền truy cập" in response.content.decode()
    response = client.post(URL, _post(online, province))
    assert response.status_code == 403
    _nothing_written()


def test_the_plain_request_is_required_and_stored_as_the_form_data(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    FormDefinition.objects.all().delete()
    login(client, citizen)

    empty = client.post(URL, _post(online, province, noi_dung="  "))
    assert empty.status_code == 422
    assert "Cần nhập nội dung yêu cầu." in empty.content.decode()
    draft = _kept_as_draft("tệp PDF", "tệp PNG")
    client.post(
        f"/dich-vu-cong/nhap/{draft.pk}/",
        _post(online, province, noi_dung="Đăng ký khai sinh cho con thứ hai"),
    )

    dossier = Dossier.objects.get()
    assert dossier.form_data == {"noi_dung": "Đăng ký khai sinh cho con thứ hai"}
    assert Application.objects.get().form_version is None


def test_a_document_uploaded_again_leaves_only_the_new_file_on_disk(
    online: Online,
    citizen: User,
    province: Province,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    document = online.desk.documents[0]
    common: dict[str, Any] = {
        "actor": citizen,
        "procedure": online.desk.procedure,
        "agency": province.long_an,
        "form_data": FORM_DATA,
    }
    with django_capture_on_commit_callbacks(execute=True):
        draft = save_draft(application=None, uploads={document.pk: pdf("to-khai.pdf")}, **common)
    first = ApplicationFile.objects.get(application=draft).file.name
    with django_capture_on_commit_callbacks(execute=True):
        save_draft(application=draft, uploads={document.pk: pdf("to-khai-sua.pdf")}, **common)
    second = ApplicationFile.objects.get(application=draft).file.name

    media = Path(django_settings.MEDIA_ROOT) / "applications"
    assert first is not None and second is not None
    assert re.fullmatch(r"applications/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", first)
    assert re.fullmatch(r"applications/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", second)
    assert first != second
    assert [p.name for p in media.rglob("*") if p.is_file()] == [Path(second).name]
