"""A refused submit shows every problem at once and keeps the attached files."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Province, login
from egov.onestop.dossiers.models import Dossier
from egov.onestop.portal.models import Application, ApplicationFile, ApplicationStatus
from egov.onestop.portal.tests.conftest import FORM_POST, PNG, Online, pdf
from egov.platform.accounts.models import User

pytestmark = pytest.mark.django_db

URL = "/dich-vu-cong/nop/1.001193/"


def _summary(html: str) -> list[str]:
    """The texts of the error summary's items, in order."""
    match = re.search(r'<div class="ef-summary error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert match is not None
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", match[1])]


def test_a_submit_with_three_errors_shows_three_messages_linked_to_their_fields(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)
    documents = online.desk.documents

    # No agency, no child's name, and the birth certificate not attached
    response = client.post(
        URL,
        {
            **FORM_POST,
            "f_child_name": "",
            f"tep_{documents[0].pk}": pdf("to-khai.pdf"),
            "hanh_dong": "nop",
        },
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert _summary(html) == [
        "Cơ quan giải quyết: Cần chọn cơ quan giải quyết.",
        "Tờ khai đăng ký khai sinh – Họ, chữ đệm, tên người được khai sinh: "
        "Trường này là bắt buộc.",
        "Giấy tờ kèm theo – Giấy chứng sinh: Cần đính kèm giấy tờ này.",
    ]
    assert 'role="alert" tabindex="-1"' in html
    assert '<a href="#agency">' in html
    assert '<a href="#f_child_name">' in html
    assert f'<a href="#tep_{documents[1].pk}">' in html
    # Each field is described by its own message.
    assert 'aria-invalid="true" aria-describedby="err_agency"' in html
    assert f'aria-invalid="true" aria-describedby="err_tep_{documents[1].pk}"' in html
    assert '<script src="/static/web/error-summary.js" defer></script>' in html
    # The summary is the only alert: the same problems are not repeated above it.
    assert html.count('role="alert"') == 1
    assert Dossier.objects.count() == 0


def test_resubmitting_after_fixing_without_reattaching_keeps_the_files(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)
    documents = online.desk.documents
    first = client.post(
        URL,
        {
            **FORM_POST,
            "agency": str(province.long_an.pk),
            "f_child_name": "",
            f"tep_{documents[0].pk}": pdf("to-khai.pdf"),
            f"tep_{documents[1].pk}": SimpleUploadedFile("chung-sinh.png", PNG, "image/png"),
            "hanh_dong": "nop",
        },
    )
    draft = Application.objects.get()
    html = first.content.decode()
    assert f'action="/dich-vu-cong/nhap/{draft.pk}/"' in html
    assert "Đã đính kèm: tệp PDF" in html
    assert "Đã đính kèm: tệp PNG" in html

    # When the name is given and nothing is attached again
    second = client.post(
        f"/dich-vu-cong/nhap/{draft.pk}/",
        {**FORM_POST, "agency": str(province.long_an.pk), "hanh_dong": "nop"},
    )

    assert second.status_code == 302
    dossier = Dossier.objects.get()
    assert sorted(d.procedure_document_id or 0 for d in dossier.documents.all()) == sorted(
        d.pk for d in documents
    )
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED


def test_an_attached_file_can_be_taken_off(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)
    documents = online.desk.documents
    client.post(
        URL,
        {
            **FORM_POST,
            "agency": str(province.long_an.pk),
            f"tep_{documents[0].pk}": pdf("to-khai.pdf"),
            "hanh_dong": "nop",
        },
    )
    draft = Application.objects.get()

    response = client.post(
        f"/dich-vu-cong/nhap/{draft.pk}/",
        {
            **FORM_POST,
            "agency": str(province.long_an.pk),
            "go_tep": str(documents[0].pk),
            "hanh_dong": "luu",
        },
    )

    assert response.status_code == 302
    assert ApplicationFile.objects.filter(application=draft).count() == 0
