"""The pages: the clerk registers, the leader assigns, the head forwards, the specialist ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Cast, Province, login, make_staff
from egov.office.documents.models import IncomingDocument, IncomingStatus
from egov.office.documents.tests.conftest import PDF, registered
from egov.platform.accounts.models import Role
from egov.platform.audit.models import AuditEvent


def _form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "channel": "paper",
        "arrived_at": "04/03/2026 08:30",
        "sender": "Bộ Tư pháp",
        "notation": "15/QĐ-BTP",
        "issued_on": "02/03/2026",
        "document_type": "2",
        "summary": "Về việc hướng dẫn đăng ký hộ tịch trực tuyến",
        "urgency": "urgent",
        "secrecy": "none",
        "pages": "3",
        "file": SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
    }
    data.update(changes)
    return data


def test_the_path_from_arrival_to_completion(
    office: Province, cast: Cast, client: Client, media: Path
) -> None:
    from egov.office.documents.models import DocumentType

    qd = DocumentType.objects.get(abbreviation="QĐ").pk
    login(client, cast.clerk)
    page = client.get("/van-ban/den/vao-so/")
    assert page.status_code == 200
    assert "Vào sổ văn bản đến" in page.text
    done = client.post("/van-ban/den/vao-so/", _form(document_type=qd, leader=cast.leader.pk))
    document = IncomingDocument.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/van-ban/den/{document.pk}/"
    listing = client.get("/van-ban/den/")
    assert "15/QĐ-BTP" in listing.text and "Khẩn" in listing.text

    # The same document again: a warning, then the clerk confirms.
    again = client.post("/van-ban/den/vao-so/", _form(document_type=qd, leader=cast.leader.pk))
    assert again.status_code == 422
    assert "có thể đã được vào sổ" in again.text
    assert 'name="confirm_duplicate"' in again.text
    assert IncomingDocument.objects.count() == 1

    leader = Client()
    login(leader, cast.leader)
    assert "15/QĐ-BTP" in leader.get("/van-ban/den/cho-phan-cong/").text
    assert "Phân công xử lý" in leader.get(f"/van-ban/den/{document.pk}/").text
    assigned = leader.post(
        f"/van-ban/den/{document.pk}/phan-cong/",
        {"lead_unit": office.justice.pk, "instructions": "Giao Sở Tư pháp.", "working_days": "5"},
    )
    assert assigned.status_code == 302
    document.refresh_from_db()
    assert document.status == IncomingStatus.IN_PROGRESS

    specialist = make_staff("chuyenvien.stp", "Ngô Thanh Sơn", (office.justice, Role.SPECIALIST))
    head = Client()
    login(head, cast.head)
    assert "15/QĐ-BTP" in head.get("/van-ban/den/xu-ly/").text
    assert "Chuyển cho chuyên viên" in head.get(f"/van-ban/den/{document.pk}/").text
    forwarded = head.post(f"/van-ban/den/{document.pk}/chuyen/", {"specialist": specialist.pk})
    assert forwarded.status_code == 302

    handler = Client()
    login(handler, specialist)
    detail = handler.get(f"/van-ban/den/{document.pk}/")
    assert "Hoàn thành xử lý" in detail.text and "Đã đọc" in detail.text
    finished = handler.post(f"/van-ban/den/{document.pk}/hoan-thanh/", {"note": "Đã trả lời."})
    assert finished.status_code == 302
    document.refresh_from_db()
    assert document.status == IncomingStatus.COMPLETED
    pdf = handler.get(f"/van-ban/den/{document.pk}/tep/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]


@pytest.mark.parametrize("who", ["outsider", "citizen", "specialist"])
def test_others_get_not_found_and_change_nothing(
    office: Province, cast: Cast, client: Client, who: str
) -> None:
    document = registered(cast, office)
    login(client, getattr(cast, who))
    before = (AuditEvent.objects.count(), document.status, document.holders.count())
    assert client.get(f"/van-ban/den/{document.pk}/").status_code == 404
    assert client.get(f"/van-ban/den/{document.pk}/tep/").status_code == 404
    posted = client.post(f"/van-ban/den/{document.pk}/phan-cong/", {"lead_unit": office.justice.pk})
    assert posted.status_code == 404
    assert client.post(f"/van-ban/den/{document.pk}/y-kien/", {"note": "x"}).status_code == 404
    assert client.get("/van-ban/den/vao-so/").status_code == 404
    document.refresh_from_db()
    assert (AuditEvent.objects.count(), document.status, document.holders.count()) == before


def test_the_leader_reads_the_register_the_specialist_does_not(
    office: Province, cast: Cast, client: Client, media: Path
) -> None:
    registered(cast, office, notation="88/BTP-HTQTCT")
    registered(cast, office, notation="89/BTP-HTQTCT", secrecy="secret")

    login(client, cast.leader)
    register = client.get("/van-ban/den/")

    assert register.status_code == 200
    assert "88/BTP-HTQTCT" in register.text
    # The secret one is presented to this leader by name, so they read it too.
    assert IncomingDocument.objects.get(notation="89/BTP-HTQTCT").leader_id == cast.leader.pk
    assert "89/BTP-HTQTCT" in register.text
    other = Client()
    login(other, cast.specialist)
    assert "88/BTP-HTQTCT" not in other.get("/van-ban/den/").text
