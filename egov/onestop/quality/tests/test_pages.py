"""The quality procedure pages at /chat-luong/ (issue 19)."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.procedures.models import Procedure
from egov.onestop.procedures.processes import save_process
from egov.onestop.quality.models import Edition
from egov.onestop.quality.services import approve_edition, edit_note
from egov.onestop.quality.tests.conftest import slower, state
from egov.platform.conversion.ocr import extract_text

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_agencys_documents(client: Client, cast: Cast, edition: Edition) -> None:
    login(client, cast.specialist)

    body = client.get("/chat-luong/").content.decode()

    assert f'<a href="/chat-luong/{edition.document_id}/"><code>QT-1.001193</code></a>' in body
    assert '<span class="tag">1: Dự thảo</span>' in body


def test_another_commune_sees_nothing_of_it(client: Client, cast: Cast, edition: Edition) -> None:
    login(client, cast.outsider)

    listed = client.get("/chat-luong/").content.decode()
    statuses = [
        client.get(f"/chat-luong/{edition.document_id}/").status_code,
        client.get(f"/chat-luong/ban/{edition.pk}/").status_code,
    ]

    assert "QT-1.001193" not in listed
    assert "Chưa có quy trình ISO nào." in listed
    assert statuses == [404, 404]


def test_the_edition_page_shows_the_seven_sections(
    client: Client, cast: Cast, edition: Edition
) -> None:
    login(client, cast.specialist)

    body = client.get(f"/chat-luong/ban/{edition.pk}/").content.decode()

    for heading in (
        "1. Mục đích",
        "2. Phạm vi",
        "3. Tài liệu viện dẫn",
        "4. Định nghĩa, từ viết tắt",
        "5. Nội dung quy trình",
        "6. Biểu mẫu",
        "7. Hồ sơ cần lưu",
    ):
        assert f"<h2>{heading}</h2>" in body
    assert "<td>2</td><td>Thẩm định hồ sơ</td><td>Phường Long An</td><td>Chuyên viên</td>" in body
    # a specialist neither approves nor words the note
    assert "Phê duyệt và ban hành" not in body
    assert "Lưu nội dung sửa đổi" not in body


def test_leader_approves_through_the_page_and_the_log_shows_both_editions(
    client: Client,
    cast: Cast,
    province: Province,
    birth: Procedure,
    standard: dict[str, Any],
    edition: Edition,
) -> None:
    login(client, cast.leader)
    page = client.get(f"/chat-luong/ban/{edition.pk}/").content.decode()
    assert "Phê duyệt và ban hành" in page

    approved = client.post(f"/chat-luong/ban/{edition.pk}/phe-duyet/")
    save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=slower(standard, "10")
    )
    second = Edition.objects.get(number=2)
    noted = client.post(
        f"/chat-luong/ban/{second.pk}/noi-dung-sua-doi/",
        {"change_note": "Rút ngắn thời gian thẩm định."},
    )
    client.post(f"/chat-luong/ban/{second.pk}/phe-duyet/")

    assert (approved.status_code, noted.status_code) == (302, 302)
    log = client.get(f"/chat-luong/{edition.document_id}/").content.decode()
    assert "<td>Hết hiệu lực</td>" in log
    assert "<td>Rút ngắn thời gian thẩm định.</td>" in log
    assert "<td>Phạm Văn Hùng</td>" in log
    old = client.get(f"/chat-luong/ban/{edition.pk}/").content.decode()
    assert "<strong>Hết hiệu lực</strong> · đã khóa" in old
    assert "Phê duyệt và ban hành" not in old


def test_the_locked_edition_refuses_a_note_through_the_page(
    client: Client, cast: Cast, edition: Edition
) -> None:
    approve_edition(actor=cast.leader, edition=edition)
    login(client, cast.leader)
    before = state()

    response = client.post(
        f"/chat-luong/ban/{edition.pk}/noi-dung-sua-doi/", {"change_note": "Sửa lại"}
    )

    assert response.status_code == 409
    assert "Lần ban hành này đã được phê duyệt và bị khóa; không thể sửa." in (
        response.content.decode()
    )
    assert state() == before


@pytest.mark.parametrize("member", ["specialist", "admin", "head"])
def test_approval_is_refused_to_others_through_the_page(
    client: Client, cast: Cast, edition: Edition, member: str
) -> None:
    login(client, getattr(cast, member))
    before = state()

    response = client.post(f"/chat-luong/ban/{edition.pk}/phe-duyet/")

    # the head of Sở Tư pháp does not see Phường Long An's document at all
    assert response.status_code == (404 if member == "head" else 403)
    assert state() == before


def test_the_pdf_prints_the_edition_with_its_amendment_log(
    client: Client,
    cast: Cast,
    province: Province,
    birth: Procedure,
    standard: dict[str, Any],
    edition: Edition,
) -> None:
    with time_machine.travel("2026-03-04T09:00:00+07:00", tick=False):
        approve_edition(actor=cast.leader, edition=edition)
    save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=slower(standard, "10")
    )
    second = Edition.objects.get(number=2)
    edit_note(actor=cast.leader, edition=second, change_note="Điều chỉnh thời gian thẩm định.")
    login(client, cast.specialist)

    response = client.get(f"/chat-luong/ban/{second.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="QT-1.001193-lan-2.pdf"'
    text = extract_text(response.content)
    assert "QUY TRÌNH ĐĂNG KÝ KHAI SINH" in text
    assert "Mã hiệu: QT-1.001193" in text
    assert "Lần ban hành: 2" in text
    assert "chưa ban hành (Dự thảo)" in text
    assert "04/03/2026" in text  # edition 1's issue date, in the amendment log
    assert "Điều chỉnh thời gian thẩm định." in text
    assert "7. HỒ SƠ CẦN LƯU" in text


def test_leader_checks_the_draft_through_the_page(
    client: Client, cast: Cast, edition: Edition
) -> None:
    login(client, cast.leader)
    assert "Xác nhận đã kiểm tra" in client.get(f"/chat-luong/ban/{edition.pk}/").content.decode()

    response = client.post(f"/chat-luong/ban/{edition.pk}/kiem-tra/", follow=True)

    body = response.content.decode()
    assert "Đã ghi nhận kiểm tra dự thảo." in body
    assert "<tr><th>Kiểm tra</th><td>Phạm Văn Hùng, " in body
    assert "Xác nhận đã kiểm tra" not in body
    edition.refresh_from_db()
    assert edition.reviewed_by == cast.leader


def test_a_specialist_cannot_check_through_the_page(
    client: Client, cast: Cast, edition: Edition
) -> None:
    login(client, cast.specialist)
    before = state()

    response = client.post(f"/chat-luong/ban/{edition.pk}/kiem-tra/")

    assert response.status_code == 403
    assert "Chỉ lãnh đạo cơ quan được kiểm tra quy trình ISO." in response.content.decode()
    assert state() == before
