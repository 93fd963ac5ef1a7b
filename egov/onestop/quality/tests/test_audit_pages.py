"""The internal audit pages under /chat-luong/ (issue 19, item 3)."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.printing.tests.pdf import text
from egov.onestop.quality.audits.models import Audit, Nonconformity
from egov.onestop.quality.models import Edition
from egov.onestop.quality.services import approve_edition
from egov.onestop.quality.tests.test_audits import snapshot
from egov.platform.accounts.models import User

pytestmark = pytest.mark.django_db

DAY = "2026-05-06T09:00:00+07:00"


@pytest.fixture
def planned(
    client: Client, cast: Cast, province: Province, edition: Edition, auditor: User
) -> Audit:
    approve_edition(actor=cast.leader, edition=edition)
    login(client, cast.admin)
    created = client.post(
        "/chat-luong/danh-gia/lap/",
        {"agency": province.long_an.pk, "year": "2026", "objectives": "Một cửa"},
    )
    programme_url = created["Location"]
    plan = client.post(
        f"{programme_url}ke-hoach/",
        {
            "planned_on": "2026-05-06",
            "scope": [str(edition.document_id)],
            "auditors": [str(auditor.pk)],
        },
    )
    audit = Audit.objects.get()
    assert (created.status_code, plan.status_code, plan["Location"]) == (
        302,
        302,
        f"/chat-luong/danh-gia/{audit.pk}/",
    )
    return audit


def test_a_finding_through_the_pages_to_closure(
    client: Client, cast: Cast, planned: Audit, auditor: User
) -> None:
    base = f"/chat-luong/danh-gia/{planned.pk}/"
    with time_machine.travel(DAY, tick=False):
        login(client, auditor)
        for position in (1, 2, 3, 4):
            verdict = "nonconforms" if position == 1 else "conforms"
            client.post(f"{base}cau-hoi/{position}/", {"verdict": verdict, "evidence": "Xem sổ"})
        client.post(
            f"{base}phat-hien/",
            {"kind": "nonconformity", "position": "1", "description": "Thẩm định quá hạn"},
        )
        page = client.get(base).content.decode()
        login(client, cast.admin)
        client.post(f"{base}ket-thuc/", {"summary": "Một điểm không phù hợp"})
        nc = Nonconformity.objects.get()
        url = f"/chat-luong/khac-phuc/{nc.pk}/"
        client.post(
            f"{url}giao/",
            {
                "cause": "Thiếu người thay",
                "action": "Phân công dự phòng",
                "owner": str(cast.specialist.pk),
                "due_on": "2026-05-20",
            },
        )
        login(client, cast.specialist)
        client.post(f"{url}hoan-thanh/", {"done_note": "Đã phân công"})
        login(client, cast.leader)
        checked = client.post(f"{url}kiem-tra/", {"effective": "yes", "check_note": "Đạt"})
        shown = client.get(url).content.decode()
        listed = client.get("/chat-luong/khac-phuc/").content.decode()

    assert "<td>8.5.1</td><td>Thẩm định quá hạn</td>" in page
    assert checked.status_code == 302
    nc.refresh_from_db()
    assert (nc.status, nc.owner, nc.checked_by) == ("closed", cast.specialist, cast.leader)
    assert "<strong>Đã đóng</strong>" in shown
    assert "Phạm Văn Hùng, 06/05/2026: Đạt" in shown
    assert "<td>Phường Long An</td><td>Đã đóng</td>" in listed


def test_another_commune_sees_no_audit(client: Client, cast: Cast, planned: Audit) -> None:
    login(client, cast.outsider)

    statuses = [
        client.get(f"/chat-luong/danh-gia/chuong-trinh/{planned.programme_id}/").status_code,
        client.get(f"/chat-luong/danh-gia/{planned.pk}/").status_code,
        client.post(
            f"/chat-luong/danh-gia/{planned.pk}/phat-hien/",
            {"kind": "observation", "description": "x"},
        ).status_code,
    ]

    assert statuses == [404, 404, 404]
    assert (
        "Chưa có chương trình đánh giá nào." in client.get("/chat-luong/danh-gia/").content.decode()
    )


def test_a_specialist_may_not_plan_or_complete(
    client: Client, cast: Cast, edition: Edition, planned: Audit
) -> None:
    login(client, cast.specialist)
    before = snapshot()

    plan = client.post(
        f"/chat-luong/danh-gia/chuong-trinh/{planned.programme_id}/ke-hoach/",
        {
            "planned_on": "2026-09-01",
            "scope": [str(edition.document_id)],
            "auditors": [str(cast.specialist.pk)],
        },
    )
    complete = client.post(f"/chat-luong/danh-gia/{planned.pk}/ket-thuc/", {"summary": "x"})

    assert (plan.status_code, complete.status_code) == (403, 403)
    assert "Chỉ lãnh đạo hoặc quản trị của cơ quan được lập kế hoạch đánh giá." in (
        plan.content.decode()
    )
    assert snapshot() == before


def test_bad_input_is_refused_with_its_message(
    client: Client, cast: Cast, planned: Audit, auditor: User
) -> None:
    login(client, auditor)
    before = snapshot()

    bad_verdict = client.post(
        f"/chat-luong/danh-gia/{planned.pk}/cau-hoi/1/", {"verdict": "maybe", "evidence": "x"}
    )
    no_text = client.post(
        f"/chat-luong/danh-gia/{planned.pk}/phat-hien/", {"kind": "observation", "description": " "}
    )

    assert (bad_verdict.status_code, no_text.status_code) == (400, 400)
    assert "Hãy chọn kết quả kiểm tra." in bad_verdict.content.decode()
    assert "Hãy mô tả phát hiện (tối đa 2.000 ký tự)." in no_text.content.decode()
    assert snapshot() == before


def test_a_plan_refuses_an_auditor_of_their_own_work(
    client: Client, cast: Cast, edition: Edition, planned: Audit
) -> None:
    login(client, cast.admin)
    before = snapshot()

    plan = client.post(
        f"/chat-luong/danh-gia/chuong-trinh/{planned.programme_id}/ke-hoach/",
        {
            "planned_on": "2026-09-01",
            "scope": [str(edition.document_id)],
            "auditors": [str(cast.specialist.pk)],
        },
    )

    assert plan.status_code == 400
    assert (
        "Lý Văn Tài không được đánh giá quy trình QT-1.001193 vì trực tiếp thực hiện quy trình "
        "này tại Phường Long An: chuyên gia đánh giá không đánh giá công việc của chính mình."
    ) in plan.content.decode()
    assert snapshot() == before


def test_the_audit_report_pdf_for_the_commune_not_another(
    client: Client, cast: Cast, planned: Audit
) -> None:
    url = f"/chat-luong/danh-gia/{planned.pk}/pdf/"
    login(client, cast.specialist)
    with time_machine.travel(DAY, tick=False):
        response = client.get(url)
    login(client, cast.outsider)
    hidden = client.get(url)

    assert (response.status_code, response["Content-Disposition"]) == (
        200,
        f'inline; filename="danh-gia-noi-bo-{planned.pk}.pdf"',
    )
    printed = text(response.content)
    assert "BÁO CÁO ĐÁNH GIÁ NỘI BỘ" in printed
    assert "Chuyên gia đánh giá: Trương Thị Kim" in printed
    assert "Quy trình được đánh giá: QT-1.001193 (Đăng ký khai sinh)" in printed
    assert hidden.status_code == 404
