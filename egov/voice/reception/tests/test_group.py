"""Group receptions (đoàn đông người): several representatives, in the register and its book."""

from __future__ import annotations

import io
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from pypdf import PdfReader

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.voice.complaints.tests.conftest import Office
from egov.voice.reception import services
from egov.voice.reception.models import Reception

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def group(**changes: Any) -> services.Visit:
    values: dict[str, Any] = {
        "kind": "regular",
        "citizen_name": "Nguyễn Văn Sáu",
        "representatives": ("Trần Thị Bảy", "  Lê   Văn Tám "),
        "people": 6,
        "citizen_address": "Khu phố 4, phường Long An",
        "matter": "recommendation",
        "content": "Các hộ dân khu phố 4 kiến nghị nạo vét cống thoát nước.",
        "handling": "guided",
        "place": "Phòng tiếp công dân",
    }
    values.update(changes)
    return services.Visit(**values)


def book(client: Client, unit_id: int) -> str:
    response = client.get("/tiep-cong-dan/so.pdf", {"don-vi": str(unit_id), "thang": "2026-11"})
    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def test_a_group_is_recorded_with_its_representatives_and_shown(
    province: Province, office: Office
) -> None:
    la = province.long_an
    with time_machine.travel(datetime(2026, 11, 12, 9, 0, tzinfo=HCM), tick=False):
        line = services.record_reception(actor=office.reception, unit=la, visit=group())

    assert (line.citizen_name, line.representatives, line.people, line.is_group) == (
        "Nguyễn Văn Sáu",
        ["Trần Thị Bảy", "Lê Văn Tám"],
        6,
        True,
    )
    event = AuditEvent.objects.get(event_type="voice.reception_recorded")
    assert event.details == {"kind": "regular", "people": 6, "representatives": 3, "petition": ""}
    client = login(Client(), office.reception)
    register = client.get("/tiep-cong-dan/").content.decode()
    assert (
        "<td>Nguyễn Văn Sáu<br><small>Đại diện khác: Trần Thị Bảy, Lê Văn Tám</small></td>"
        "<td>6 (đoàn đông người)</td>"
    ) in register
    detail = client.get(f"/tiep-cong-dan/{line.pk}/").content.decode()
    assert "<dt>Người đại diện khác của đoàn</dt><dd>Trần Thị Bảy, Lê Văn Tám</dd>" in detail
    assert (
        "Nguyễn Văn Sáu; Khu phố 4, phường Long An; đại diện khác: Trần Thị Bảy, Lê Văn Tám; "
        "6 người"
    ) in book(client, la.pk)


def test_a_group_through_the_page_and_the_api(province: Province, office: Office) -> None:
    la = province.long_an
    client = login(Client(), office.reception)
    page = client.post(
        "/tiep-cong-dan/",
        {
            "unit": la.pk,
            "kind": "regular",
            "place": "Phòng tiếp công dân",
            "citizen_name": "Nguyễn Văn Sáu",
            "representatives": "Trần Thị Bảy\r\n\r\nLê Văn Tám\r\n",
            "people": 6,
            "matter": "recommendation",
            "content": "Kiến nghị nạo vét cống.",
            "handling": "guided",
        },
    )
    api = client.post(
        "/api/v1/reception/receptions",
        json.dumps(
            {
                "unit_id": la.pk,
                "kind": "regular",
                "place": "Phòng tiếp công dân",
                "citizen_name": "Đặng Văn Mười",
                "representatives": ["Phạm Thị Một"],
                "people": 12,
                "matter": "complaint",
                "content": "Khiếu nại giá bồi thường.",
                "handling": "letter_received",
            }
        ),
        content_type="application/json",
    )
    assert page.status_code == 302
    assert (api.status_code, api.json()["representatives"], api.json()["people"]) == (
        201,
        ["Phạm Thị Một"],
        12,
    )
    assert [(r.citizen_name, r.representatives) for r in Reception.objects.order_by("pk")] == [
        ("Nguyễn Văn Sáu", ["Trần Thị Bảy", "Lê Văn Tám"]),
        ("Đặng Văn Mười", ["Phạm Thị Một"]),
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"people": 1}, "Chỉ đoàn nhiều người mới ghi thêm người đại diện."),
        (
            {"people": 3, "representatives": ("A", "B", "C")},
            "Đoàn 3 người có tối đa 3 người đại diện (kể cả người đứng tên).",
        ),
        (
            {"people": 40, "representatives": ("A", "B", "C", "D", "E")},
            "Đoàn 40 người có tối đa 5 người đại diện (kể cả người đứng tên).",
        ),
        ({"representatives": ("X" * 151,)}, "Họ tên người đại diện tối đa 150 ký tự."),
    ],
)
def test_a_bad_group_stores_nothing(
    province: Province, office: Office, changes: dict[str, Any], message: str
) -> None:
    before = (Reception.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InvalidInput) as error:
        services.record_reception(
            actor=office.reception, unit=province.long_an, visit=group(**changes)
        )
    assert (error.value.code, error.value.message) == ("reception_invalid_field", message)
    assert (Reception.objects.count(), AuditEvent.objects.count()) == before


def test_a_stranger_cannot_record_a_group(province: Province, office: Office, cast: Cast) -> None:
    before = (Reception.objects.count(), AuditEvent.objects.count())
    with pytest.raises(PermissionDenied):
        services.record_reception(actor=cast.outsider, unit=province.long_an, visit=group())
    assert (Reception.objects.count(), AuditEvent.objects.count()) == before


def test_a_denouncing_groups_representatives_are_masked(province: Province, office: Office) -> None:
    la = province.long_an
    with time_machine.travel(datetime(2026, 11, 12, 9, 0, tzinfo=HCM), tick=False):
        services.record_reception(
            actor=office.reception, unit=la, visit=group(matter="denunciation")
        )
    client = login(Client(), office.reception)
    listed = client.get("/api/v1/reception/receptions").json()
    register = client.get("/tiep-cong-dan/").content.decode()
    printed = book(client, la.pk)
    assert [(r["citizen"], r["representatives"]) for r in listed] == [("[đã ẩn]", [])]
    for shown in (json.dumps(listed, ensure_ascii=False), register, printed):
        assert "Trần Thị Bảy" not in shown
        assert "Nguyễn Văn Sáu" not in shown
    assert "[đã ẩn]; 6 người" in printed
