"""Outgoing documents through the pages and the API: the same steps, the same refusals."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import login
from egov.office.documents.models import OutgoingDocument, OutgoingStatus, OutgoingStep
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.tests.conftest import PDF, doc_type, registered
from egov.office.documents.tests.outgoing_fixtures import (  # noqa: F401 - the fixture
    SUMMARY,
    Drafting,
    drafted,
    drafting_fixture,
)
from egov.platform.audit.models import AuditEvent

BASE = "/api/v1/office/outgoing"


def _client(user: Any) -> Client:
    client = Client()
    login(client, user)
    return client


def _snapshot() -> tuple[Any, ...]:
    return (
        list(OutgoingDocument.objects.order_by("pk").values()),
        OutgoingStep.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_pages_take_a_draft_to_issue(drafting: Drafting) -> None:
    d = drafting
    drafter = _client(d.drafter)
    form = drafter.get("/van-ban/di/soan-thao/")
    assert form.status_code == 200
    assert "Soạn văn bản đi" in form.content.decode()
    created = drafter.post(
        "/van-ban/di/soan-thao/",
        {
            "document_type": doc_type("QĐ").pk,
            "summary": SUMMARY,
            "urgency": "normal",
            "secrecy": "none",
            "reviewer": d.cast.head.pk,
            "signer": d.cast.leader.pk,
            "internal_units": [d.office.long_an.pk],
            "external_names": "Bộ Tư pháp\nSở Nội vụ tỉnh Đồng Nai",
            "file": SimpleUploadedFile("du-thao.pdf", PDF, content_type="application/pdf"),
        },
    )
    document = OutgoingDocument.objects.get()
    assert created.status_code == 302
    assert created["Location"] == f"/van-ban/di/{document.pk}/"
    assert list(document.recipients.values_list("kind", "name")) == [
        ("internal", ""),
        ("external", "Bộ Tư pháp"),
        ("external", "Sở Nội vụ tỉnh Đồng Nai"),
    ]
    page = drafter.get(f"/van-ban/di/{document.pk}/").content.decode()
    assert "Gửi lãnh đạo phòng xem xét" in page
    assert drafter.get(f"/van-ban/di/{document.pk}/tep/1/")["Content-Type"] == "application/pdf"
    assert drafter.post(f"/van-ban/di/{document.pk}/gui/").status_code == 302
    head = _client(d.cast.head)
    assert SUMMARY in head.get("/van-ban/di/cho-duyet/").content.decode()
    assert head.post(f"/van-ban/di/{document.pk}/xem-xet/chuyen-trinh/").status_code == 302
    leader = _client(d.cast.leader)
    assert "Duyệt ký" in leader.get(f"/van-ban/di/{document.pk}/").content.decode()
    assert leader.post(f"/van-ban/di/{document.pk}/xem-xet/duyet/").status_code == 302
    clerk = _client(d.cast.clerk)
    assert SUMMARY in clerk.get("/van-ban/di/cho-phat-hanh/").content.decode()
    issued = clerk.post(f"/van-ban/di/{document.pk}/phat-hanh/", follow=True)
    assert "Đã cấp số 01/QĐ-UBND ngày" in issued.content.decode()
    document.refresh_from_db()
    assert (document.status, document.notation) == (OutgoingStatus.ISSUED, "01/QĐ-UBND")
    assert "01/QĐ-UBND" in clerk.get("/van-ban/di/da-phat-hanh/").content.decode()


def test_a_return_without_a_comment_shows_the_message(drafting: Drafting) -> None:
    d = drafting
    document = drafted(d)
    _client(d.drafter).post(f"/van-ban/di/{document.pk}/gui/")
    before = _snapshot()
    response = _client(d.cast.head).post(f"/van-ban/di/{document.pk}/xem-xet/tra-lai/")
    assert response.status_code == 422
    assert "Cần nhập ý kiến." in response.content.decode()
    assert _snapshot() == before


def test_others_get_not_found_and_change_nothing(drafting: Drafting) -> None:
    d = drafting
    document = drafted(d)
    before = _snapshot()
    for someone in (d.cast.outsider, d.cast.citizen, d.cast.specialist):
        client = _client(someone)
        for url in ("", "gui/", "phat-hanh/", "xem-xet/duyet/", "tep/1/"):
            method = client.get if url in ("", "tep/1/") else client.post
            assert method(f"/van-ban/di/{document.pk}/{url}").status_code == 404
        assert client.get(f"{BASE}/{document.pk}").status_code == 404
        assert client.post(f"{BASE}/{document.pk}/issue").status_code == 404
    assert _snapshot() == before


def test_the_api_takes_a_draft_to_issue(drafting: Drafting) -> None:
    d = drafting
    drafter = _client(d.drafter)
    created = drafter.post(
        BASE,
        {
            "document_type": "Công văn",
            "summary": "V/v đề nghị cung cấp số liệu",
            "signer": "lanhdao",
            "recipient_unit_ids": [d.office.long_an.pk],
            "outside_recipients": ["Bộ Tư pháp"],
            "file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["reviewer"], [v["number"] for v in body["versions"]]) == (
        "draft",
        None,
        [1],
    )
    pk = body["id"]
    assert [x["id"] for x in drafter.get(f"{BASE}?view=drafts").json()] == [pk]
    sent = drafter.post(f"{BASE}/{pk}/send", {}, content_type="application/json")
    assert sent.json()["status"] == "submitted"
    leader = _client(d.cast.leader)
    refused = leader.post(
        f"{BASE}/{pk}/review", {"action": "return"}, content_type="application/json"
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "office_invalid_field")
    approved = leader.post(
        f"{BASE}/{pk}/review", {"action": "approve"}, content_type="application/json"
    )
    assert approved.json()["status"] == "approved"
    early = drafter.post(f"{BASE}/{pk}/issue")
    assert (early.status_code, early.json()["code"]) == (403, "office_permission_denied")
    clerk = _client(d.cast.clerk)
    assert [x["id"] for x in clerk.get(f"{BASE}?view=to_issue").json()] == [pk]
    issued = clerk.post(f"{BASE}/{pk}/issue")
    assert issued.status_code == 200
    result = issued.json()
    assert (result["notation"], result["status"]) == ("01/UBND-STP", "issued")
    assert [(r["kind"], r["exchange_status"]) for r in result["recipients"]] == [
        ("internal", "delivered"),
        ("external", "pending"),
    ]
    again = clerk.post(f"{BASE}/{pk}/issue")
    assert (again.status_code, again.json()["code"]) == (422, "office_outgoing_state_not_allowed")


def test_the_api_refuses_a_file_of_another_kind(drafting: Drafting) -> None:
    before = _snapshot()
    response = _client(drafting.drafter).post(
        BASE,
        {
            "document_type": "QĐ",
            "summary": "Dự thảo",
            "signer": "lanhdao",
            "outside_recipients": ["Bộ Tư pháp"],
            "file": SimpleUploadedFile("a.txt", b"hello", content_type="text/plain"),
        },
    )
    assert (response.status_code, response.json()["code"]) == (422, "office_file_not_pdf_or_docx")
    assert _snapshot() == before


def test_a_reply_is_drafted_from_the_incoming_document(drafting: Drafting) -> None:
    d = drafting
    incoming = registered(d.cast, d.office)
    assign_incoming(
        actor=d.cast.leader,
        document=incoming,
        assignment=Assignment(lead_user=d.drafter),
    )
    drafter = _client(d.drafter)
    assert "Soạn văn bản trả lời" in drafter.get(f"/van-ban/den/{incoming.pk}/").content.decode()
    form = drafter.get(f"/van-ban/di/soan-thao/?tra-loi={incoming.pk}").content.decode()
    assert "Trả lời văn bản đến số 15/QĐ-BTP của Bộ Tư pháp" in form
    data = {
        "document_type": doc_type("QĐ").pk,
        "summary": "Trả lời Bộ Tư pháp",
        "urgency": "normal",
        "secrecy": "none",
        "signer": d.cast.leader.pk,
        "external_names": "Bộ Tư pháp",
        "reply_to": incoming.pk,
        "file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
    }
    assert drafter.post("/van-ban/di/soan-thao/", data).status_code == 302
    assert OutgoingDocument.objects.get().reply_to == incoming
    # Someone who does not see the incoming document cannot reply to it.
    outsider = _client(d.cast.outsider)
    before = _snapshot()
    data["file"] = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    refused = outsider.post("/van-ban/di/soan-thao/", data)
    assert refused.status_code == 422
    assert "Không tìm thấy văn bản đến được trả lời." in refused.content.decode()
    assert _snapshot() == before
