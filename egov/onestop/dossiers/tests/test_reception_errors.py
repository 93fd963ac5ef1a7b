"""The reception form: every error at once, scans kept across a refused submit,
and "Lưu và in phiếu" (issue 17 items 3 and 7)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, ReceptionDraftScan
from egov.onestop.dossiers.services.drafts import draft_scans, prune_draft_scans
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.dossiers.tests.samples import PDF
from egov.onestop.dossiers.tests.test_views_reception import TOKEN, form_data, url
from egov.platform.audit.models import AuditEvent
from egov.platform.core.tests.fulldisk import files_under

OnCommit = DjangoCaptureOnCommitCallbacks


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _scan(name: str = "to-khai.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_every_error_is_listed_at_once_in_a_focusable_summary(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    # Given a form with no name, a bad phone, a bad e-mail and a required
    # paper not ticked, sent to be accepted
    login(client, cast.reception)
    data = form_data(
        desk,
        province,
        applicant_name="",
        applicant_phone="12",
        applicant_email="an.tran",
        documents=[desk.documents[0].pk],
    )

    # When it is sent
    response = client.post(url(province), data)

    # Then the page lists all four, each linked to its field, in one summary
    # that takes the focus (role=alert, tabindex=-1, web/error-summary.js)
    page = response.content.decode()
    assert response.status_code == 422
    assert (
        '<div class="ef-summary error-summary" role="alert" tabindex="-1" '
        'aria-labelledby="error-summary-title" data-error-summary>'
    ) in page
    assert "Vui lòng kiểm tra lại 4 mục dưới đây" in page
    for target, text in [
        ("id_applicant_name", "Họ tên/tên tổ chức: Cần nhập họ tên người nộp hồ sơ."),
        ("id_applicant_phone", "Điện thoại: Số điện thoại không đúng (ví dụ 0912345678)."),
        ("id_applicant_email", "Thư điện tử: "),
        ("id_documents", "Giấy tờ đã nhận: Còn thiếu giấy tờ bắt buộc: Giấy chứng sinh."),
    ]:
        assert f'<li><a href="#{target}">{text}' in page
    assert f'id="id_documents" value="{desk.documents[0].pk}" checked' in page
    assert Dossier.objects.count() == 0


def test_a_refusal_without_reason_and_a_bad_identity_number_come_together(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    login(client, cast.reception)
    data = form_data(desk, province, outcome="refuse", reason="", applicant_id_number="123")

    response = client.post(url(province), data)

    page = response.content.decode()
    assert response.status_code == 422
    assert "Vui lòng kiểm tra lại 2 mục dưới đây" in page
    assert '<li><a href="#id_reason">Lý do: Cần ghi rõ lý do từ chối tiếp nhận.</a></li>' in page
    assert '<li><a href="#id_applicant_id_number">Số CCCD/mã số doanh nghiệp: ' in page
    assert Dossier.objects.count() == 0


def test_a_scan_sent_with_a_refused_form_is_kept_and_used_by_the_next_submit(
    desk: Desk,
    cast: Cast,
    province: Province,
    client: Client,
    media: Path,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    # Given a refused submit (no name) that carried the declaration's scan
    login(client, cast.reception)
    first = form_data(
        desk, province, applicant_name="", **{f"scan_{desk.documents[0].pk}": _scan()}
    )
    refused = client.post(url(province), first)

    # Then the scan is kept as this form's draft and the page says so
    page = refused.content.decode()
    assert refused.status_code == 422
    assert "Đã giữ bản quét: to-khai.pdf" in page
    draft = ReceptionDraftScan.objects.get()
    assert (draft.token, draft.officer, draft.procedure_document) == (
        TOKEN,
        cast.reception,
        desk.documents[0],
    )
    assert draft.file.read() == PDF
    assert AuditEvent.objects.filter(event_type="dossiers.draft_scans_kept").count() == 1

    # When the officer fixes the name and sends again, choosing no file
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(province), form_data(desk, province))

    # Then the dossier holds the scan, and the draft and its file are gone
    dossier = Dossier.objects.get()
    assert response.headers["Location"] == f"/ho-so/{dossier.pk}/"
    document = dossier.documents.order_by("pk")[0]
    assert document.scan.read() == PDF
    assert ReceptionDraftScan.objects.count() == 0
    assert files_under(media) == [document.scan.name]


def test_a_kept_scan_can_be_taken_off(
    desk: Desk,
    cast: Cast,
    province: Province,
    client: Client,
    media: Path,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    login(client, cast.reception)
    client.post(
        url(province),
        form_data(desk, province, applicant_name="", **{f"scan_{desk.documents[0].pk}": _scan()}),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(province), form_data(desk, province, bo_ban_quet=[desk.documents[0].pk])
        )

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert not dossier.documents.order_by("pk")[0].scan
    assert ReceptionDraftScan.objects.count() == 0
    assert files_under(media) == []


def test_a_bad_scan_is_listed_with_the_other_errors_and_not_kept(
    desk: Desk, cast: Cast, province: Province, client: Client, media: Path
) -> None:
    login(client, cast.reception)
    fake = SimpleUploadedFile("giay-chung-sinh.pdf", b"<html>not a pdf</html>", "application/pdf")
    data = form_data(
        desk,
        province,
        applicant_name="",
        **{f"scan_{desk.documents[0].pk}": _scan(), f"scan_{desk.documents[1].pk}": fake},
    )

    response = client.post(url(province), data)

    page = response.content.decode()
    assert response.status_code == 422
    assert "Vui lòng kiểm tra lại 2 mục dưới đây" in page
    assert f'<li><a href="#scan_{desk.documents[1].pk}">Bản quét – Giấy chứng sinh: ' in page
    # The good scan is kept, the bad one is not
    kept = list(ReceptionDraftScan.objects.values_list("procedure_document", flat=True))
    assert kept == [desk.documents[0].pk]
    assert len(files_under(media)) == 1


def test_kept_scans_belong_to_their_officer_and_go_after_a_day(
    desk: Desk,
    cast: Cast,
    province: Province,
    client: Client,
    media: Path,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    # Given a scan kept for a refused form
    login(client, cast.reception)
    client.post(
        url(province),
        form_data(desk, province, applicant_name="", **{f"scan_{desk.documents[0].pk}": _scan()}),
    )
    documents = {d.pk for d in desk.documents}

    # Then another officer holding the same token finds none of it
    assert draft_scans(cast.specialist, TOKEN, documents) == {}
    assert list(draft_scans(cast.reception, TOKEN, documents)) == [desk.documents[0].pk]

    # And the daily job keeps it for 24 hours, then deletes it and its file
    made = ReceptionDraftScan.objects.get().created_at
    with time_machine.travel(made + timedelta(hours=23), tick=False):
        assert prune_draft_scans() == 0
    with django_capture_on_commit_callbacks(execute=True):
        pruned = prune_draft_scans(made + timedelta(hours=24, seconds=1))
    assert pruned == 1
    assert ReceptionDraftScan.objects.count() == 0
    assert files_under(media) == []
    event = AuditEvent.objects.get(event_type="dossiers.draft_scans_pruned")
    assert (event.actor, event.details) == (None, {"count": 1})


def test_the_parts_fragment_shows_the_kept_scan_of_the_form(
    desk: Desk, cast: Cast, province: Province, client: Client
) -> None:
    login(client, cast.reception)
    client.post(
        url(province),
        form_data(desk, province, applicant_name="", **{f"scan_{desk.documents[0].pk}": _scan()}),
    )

    response = client.get(
        f"/ho-so/tiep-nhan/thanh-phan/?don_vi={province.long_an_centre.pk}"
        f"&procedure={desk.procedure.pk}&token={TOKEN}",
        headers={"HX-Request": "true"},
    )

    assert "Đã giữ bản quét: to-khai.pdf" in response.content.decode()


# "Lưu và in phiếu" ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "number"),
    [
        ({}, "01"),
        ({"outcome": "supplement", "items": "Giấy chứng sinh", "documents": []}, "02"),
        ({"outcome": "refuse", "reason": "Không thuộc thẩm quyền"}, "03"),
    ],
)
def test_saving_opens_the_outcomes_slip_once(
    desk: Desk,
    cast: Cast,
    province: Province,
    client: Client,
    overrides: dict[str, object],
    number: str,
) -> None:
    login(client, cast.reception)

    response = client.post(url(province), form_data(desk, province, **overrides), follow=True)

    dossier = Dossier.objects.get()
    page = response.content.decode()
    link = (
        f'<a class="button" href="/in/ho-so/{dossier.pk}/mau-{number}.pdf" target="_blank" '
        f'rel="noopener" data-print-slip>In phiếu (mẫu {number})</a>'
    )
    assert link in page
    assert 'src="/static/dossiers/print-slip.js"' in page
    # The slip itself is there to print
    slip = client.get(f"/in/ho-so/{dossier.pk}/mau-{number}.pdf")
    assert (slip.status_code, slip["Content-Type"]) == (200, "application/pdf")
    # A reload of the dossier's page opens nothing again
    again = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "data-print-slip" not in again
    assert "print-slip.js" not in again
