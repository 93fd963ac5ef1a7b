"""The work-file pages under /ho-so-cong-viec/ and the API under /api/v1/office/workfiles."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from egov.conftest import Cast, Province, login
from egov.office.workfiles import export, services
from egov.office.workfiles.models import (
    DepositStatus,
    FileList,
    FileListStatus,
    WorkFile,
    WorkFileItem,
    WorkFileStatus,
)
from egov.office.workfiles.tests.conftest import (
    YEAR,
    Filled,
    People,
    assigned,
    pdf_upload,
    snapshot,
)
from egov.platform.accounts.models import User

pytestmark = pytest.mark.django_db


def _as(user: User) -> Client:
    return login(Client(), user)


def test_the_head_drafts_the_list_and_the_leader_approves_it(
    office: Province, cast: Cast, people: People
) -> None:
    head = _as(cast.head)
    url = f"/ho-so-cong-viec/danh-muc/{office.justice.pk}/{YEAR}/"
    assert "Thêm hồ sơ vào danh mục" in head.get(url).content.decode()

    response = head.post(
        url + "them/",
        {
            "notation": "01.TP",
            "title": "Hồ sơ xây dựng kế hoạch cải cách hành chính",
            "retention_years": "",
            "rights": "restricted",
            "responsible": people.maker.pk,
        },
    )
    assert (response.status_code, response["Location"]) == (302, url)
    bad = head.post(
        url + "them/",
        {
            "notation": "01.TP",
            "title": "Trùng số",
            "rights": "public",
            "responsible": people.maker.pk,
        },
    )
    assert bad.status_code == 422
    assert "Danh mục đã có hồ sơ số 01.TP." in bad.content.decode()
    page = head.get(url).content.decode()
    assert "Vĩnh viễn" in page
    assert "Phải nộp lưu" in page
    assert "Duyệt danh mục hồ sơ" in page  # the head of the department approves too

    waiting = _as(cast.leader).get("/ho-so-cong-viec/").content.decode()
    assert f'href="{url}"' in waiting
    assert "Danh mục hồ sơ chờ duyệt" in waiting
    assert (
        "Danh mục hồ sơ chờ duyệt"
        not in _as(cast.outsider).get("/ho-so-cong-viec/").content.decode()
    )

    approved = _as(cast.leader).post(url + "duyet/")

    assert approved.status_code == 302
    listing = FileList.objects.get()
    assert (listing.status, listing.approved_by) == (FileListStatus.APPROVED, cast.leader)
    assert "Thêm hồ sơ vào danh mục" not in head.get(url).content.decode()


def test_the_maker_fills_closes_exports_and_deposits_the_file(
    planned: WorkFile, office: Province, cast: Cast, people: People
) -> None:
    maker = _as(people.maker)
    base = f"/ho-so-cong-viec/{planned.pk}/"
    decision = assigned(cast, office)
    index = maker.get("/ho-so-cong-viec/").content.decode()
    assert f'href="{base}"' in index

    assert maker.post(base + "mo/").status_code == 302
    found = maker.get(base + "tim-van-ban/", {"q": "hộ tịch"}, HTTP_HX_REQUEST="true")
    assert "15/QĐ-BTP" in found.content.decode()
    assert maker.post(base + "van-ban/", {"document": decision.pk}).status_code == 302
    assert "15/QĐ-BTP" not in maker.get(base + "tim-van-ban/").content.decode()
    noted = maker.post(
        base + "ghi-chu/",
        {"text": "Tờ trình xin ý kiến", "dated": "06/03/2026", "file": pdf_upload(2)},
    )
    assert noted.status_code == 302
    draft = maker.post(base + "ghi-chu/", {"text": "Bản nháp tờ trình", "dated": "05/03/2026"})
    assert draft.status_code == 302
    draft_item = WorkFileItem.objects.get(note="Bản nháp tờ trình")
    note_item = WorkFileItem.objects.get(note="Tờ trình xin ý kiến")
    assert (
        maker.post(base + f"muc/{draft_item.pk}/danh-dau/", {"discard": "draft"}).status_code == 302
    )
    assert maker.get(base + f"muc/{note_item.pk}/tep/").status_code == 200
    assert maker.get(base + "xuat/pdf/").status_code == 404  # not closed yet

    assert maker.post(base + "ket-thuc/").status_code == 302

    planned.refresh_from_db()
    assert (planned.status, planned.doc_total, planned.page_total) == (
        WorkFileStatus.CLOSED,
        2,
        5,
    )
    assert (planned.start_date, planned.end_date) == (date(2026, 3, 2), date(2026, 3, 6))
    pdf = maker.get(base + "xuat/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 2 + 1 + 2
    xml = maker.get(base + "xuat/xml/")
    assert xml["Content-Type"] == "application/xml; charset=utf-8"
    assert xml.content == export.xml(planned)
    page = maker.get(base).content.decode()
    assert "Phải nộp lưu (thời hạn bảo quản từ 5 năm trở lên)" in page
    assert "Hạn nộp lưu" in page
    assert "06/03/2027" in page

    assert maker.post(base + "nop-luu/").status_code == 302
    clerk = _as(cast.clerk)
    assert f'href="{base}"' in clerk.get("/ho-so-cong-viec/").content.decode()
    assert clerk.post(base + "nop-luu/nhan/").status_code == 302
    planned.refresh_from_db()
    assert planned.deposit_status == DepositStatus.RECEIVED


def test_others_get_nothing_from_the_file_pages(
    filled: Filled, office: Province, cast: Cast, people: People
) -> None:
    work_file = filled.work_file
    item = WorkFileItem.objects.get(work_file=work_file, kind="note")
    base = f"/ho-so-cong-viec/{work_file.pk}/"
    listing = f"/ho-so-cong-viec/danh-muc/{office.justice.pk}/{YEAR}/"
    posts = [
        listing + "them/",
        listing + "duyet/",
        base + "mo/",
        base + "van-ban/",
        base + "ghi-chu/",
        base + f"muc/{item.pk}/danh-dau/",
        base + f"muc/{item.pk}/bo/",
        base + "ket-thuc/",
        base + "nop-luu/",
        base + "nop-luu/nhan/",
    ]
    gets = [
        base,
        base + "tim-van-ban/",
        base + f"muc/{item.pk}/tep/",
        base + "xuat/pdf/",
        base + "xuat/xml/",
    ]
    data = {
        "document": filled.decision.pk,
        "text": "Ghi chú",
        "discard": "draft",
        "notation": "09.TP",
        "title": "Hồ sơ khác",
        "rights": "public",
        "responsible": people.colleague.pk,
    }
    before = snapshot()
    for user in (people.colleague, cast.outsider, cast.citizen):
        client = _as(user)
        for url in posts:
            assert client.post(url, data).status_code == 404, (user.username, url)
        for url in gets:
            assert client.get(url).status_code == 404, (user.username, url)
    assert snapshot() == before
    # The colleague reads the unit's list; the others do not.
    assert _as(people.colleague).get(listing).status_code == 200
    assert _as(cast.outsider).get(listing).status_code == 404
    assert _as(cast.citizen).get(listing).status_code == 404
    assert Client().get(base)["Location"].startswith("/dang-nhap/")


def _counts(client: Client, urls: list[str]) -> list[int]:
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def test_the_pages_read_a_fixed_number_of_queries(
    filled: Filled, office: Province, cast: Cast, people: People
) -> None:
    """The index and the file page do not grow with the number of items."""
    maker = _as(people.maker)
    urls = ["/ho-so-cong-viec/", f"/ho-so-cong-viec/{filled.work_file.pk}/"]
    assert _counts(maker, urls) == [11, 10]
    for text in ("Ghi chú một", "Ghi chú hai"):
        services.add_note(actor=people.maker, work_file=filled.work_file, text=text)
    more = assigned(cast, office, notation="16/QĐ-BTP")
    services.add_document(actor=people.maker, work_file=filled.work_file, document_id=more.pk)
    assert _counts(maker, urls) == [11, 10]


def test_the_api_makes_the_same_file(office: Province, cast: Cast, people: People) -> None:
    root = "/api/v1/office/workfiles"
    head, leader, maker = _as(cast.head), _as(cast.leader), _as(people.maker)
    decision = assigned(cast, office)
    created = head.post(
        f"{root}/units/{office.justice.pk}/lists/{YEAR}/entries",
        {
            "notation": "01.TP",
            "title": "Hồ sơ hộ tịch",
            "retention_years": 2,
            "responsible": "chuyenvien.tp",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    file_id = created.json()["id"]
    assert created.json()["code"] == "000.00.12.H53.2026.01.TP"
    assert created.json()["must_deposit"] is False
    approved = leader.post(f"{root}/units/{office.justice.pk}/lists/{YEAR}/approve")
    assert approved.json()["status"] == "approved"
    assert maker.post(f"{root}/{file_id}/open").json()["status"] == "open"
    added = maker.post(
        f"{root}/{file_id}/documents",
        json.dumps({"incoming_id": decision.pk}),
        content_type="application/json",
    )
    assert (added.status_code, added.json()["notation"]) == (201, "15/QĐ-BTP")
    note = maker.post(
        f"{root}/{file_id}/notes",
        {"text": "Ghi chú", "dated": "2026-03-09", "file": pdf_upload(2)},
    )
    assert (note.status_code, note.json()["pages"]) == (201, 2)
    assert WorkFileItem.objects.get(pk=note.json()["id"]).note_file.name.endswith(".pdf")
    marked = maker.post(
        f"{root}/{file_id}/items/{note.json()['id']}/mark",
        {"discard": "duplicate"},
        content_type="application/json",
    )
    assert marked.json()["discard"] == "duplicate"
    closed = maker.post(f"{root}/{file_id}/close").json()
    assert (closed["doc_total"], closed["page_total"], closed["start_date"]) == (1, 3, "2026-03-02")
    assert [item["notation"] for item in closed["items"]] == ["15/QĐ-BTP"]
    assert maker.post(f"{root}/{file_id}/deposit").json()["deposit_status"] == "requested"
    received = _as(cast.clerk).post(f"{root}/{file_id}/deposit/receive")
    assert received.json()["deposit_status"] == "received"
    assert [f["id"] for f in maker.get(root).json()] == [file_id]


def test_the_api_refuses_others(
    filled: Filled, office: Province, cast: Cast, people: People
) -> None:
    root = f"/api/v1/office/workfiles/{filled.work_file.pk}"
    item = WorkFileItem.objects.filter(work_file=filled.work_file).first()
    assert item is not None
    before = snapshot()
    for user in (people.colleague, cast.outsider, cast.citizen):
        client = _as(user)
        assert client.get(root).json()["code"] == "workfile_not_found"
        for path in ("/open", "/close", "/deposit", "/deposit/receive"):
            assert client.post(root + path).status_code == 404
        assert client.delete(f"{root}/items/{item.pk}").status_code == 404
        assert (
            client.post(
                root + "/documents",
                json.dumps({"incoming_id": filled.decision.pk}),
                content_type="application/json",
            ).status_code
            == 404
        )
    assert Client().get(root).status_code == 401
    entries = f"/api/v1/office/workfiles/units/{office.justice.pk}/lists/{YEAR}/entries"
    body = {"notation": "09.TP", "title": "Hồ sơ khác", "responsible": "khong-co-ai"}
    refused = [
        _as(user).post(entries, body, content_type="application/json")
        for user in (people.colleague, cast.outsider, cast.citizen)
    ]
    assert [(r.status_code, r.json()["code"]) for r in refused] == [
        (403, "workfile_not_allowed"),
        (404, "workfile_not_found"),
        (404, "workfile_not_found"),
    ]
    assert snapshot() == before
