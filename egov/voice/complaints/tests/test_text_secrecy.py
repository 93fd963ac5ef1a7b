"""A denunciation's text is read only by those handling it: the assigned and its heads."""

from __future__ import annotations

import pytest
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.accounts.models import User
from egov.voice.complaints import services
from egov.voice.complaints.models import Channel, Kind, Petition
from egov.voice.complaints.tests.conftest import Office, letter
from egov.voice.complaints.tests.test_identity import handled, pages

__all__ = ["handled"]

pytestmark = pytest.mark.django_db

CONTENT = "Cán bộ địa chính yêu cầu nộp thêm 5 triệu đồng ngoài lệ phí."
REQUEST = "Đề nghị xác minh, xử lý nghiêm."
FINDING = "Ông Cán thừa nhận đã nhận 5 triệu đồng tại nhà bà Tư."
HIDDEN = (
    "Nội dung tố cáo chỉ hiển thị cho người được phân công xử lý và lãnh đạo giải quyết tố cáo."
)


def _user(who: str, cast: Cast, office: Office, superuser: User) -> User:
    return {
        "investigator": office.investigator,
        "head_who_assigned": office.head,
        "province_leader": cast.leader,
        "clerk_who_recorded_it": office.clerk,
        "reception": office.reception,
        "specialist_not_assigned": office.other_specialist,
        "administrator": cast.admin,
        "superuser": superuser,
    }[who]


@pytest.mark.parametrize(
    ("who", "reads"),
    [
        ("investigator", True),
        ("head_who_assigned", True),
        ("province_leader", True),
        ("clerk_who_recorded_it", False),
        ("reception", False),
        ("specialist_not_assigned", False),
        ("administrator", False),
        ("superuser", False),
    ],
)
def test_the_text_and_the_findings_of_a_denunciation_by_role(
    cast: Cast, office: Office, superuser: User, handled: Petition, who: str, reads: bool
) -> None:
    services.add_finding(actor=office.investigator, petition=handled, text=FINDING)

    seen = pages(login(Client(), _user(who, cast, office, superuser)), handled)

    detail = seen["detail"][1].decode()
    assert seen["detail"][0] == 200
    assert (CONTENT in detail, REQUEST in detail, FINDING in detail) == (reads, reads, reads)
    assert (HIDDEN in detail) is not reads
    # The summary stays: the body's staff find the petition by it.
    assert "Tố cáo cán bộ địa chính nhận tiền khi làm hồ sơ đất" in detail
    for name, (_status, body) in seen.items():
        if name != "detail":
            assert CONTENT.encode() not in body, f"{who} reads the text on {name}"
            assert FINDING.encode() not in body, f"{who} reads the findings on {name}"


def test_a_complaint_s_text_is_read_by_the_staff_of_the_body(
    province: Province, office: Office
) -> None:
    complaint = services.record_petition(
        actor=office.clerk,
        letter=letter(Kind.COMPLAINT),
        addressed_to=province.long_an,
        channel=Channel.DESK,
    )
    client = login(Client(), office.other_specialist)
    detail = client.get(f"/don-thu/{complaint.pk}/").content.decode()
    assert CONTENT in detail
    assert HIDDEN not in detail
