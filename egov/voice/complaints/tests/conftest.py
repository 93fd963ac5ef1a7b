"""Complaints' fixtures: staff of Phường Long An itself and one denunciation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from egov.conftest import Cast, Province, make_staff
from egov.platform.accounts.models import Role, User
from egov.voice.complaints.models import Channel, Kind, Petition
from egov.voice.complaints.services import Letter, record_petition

DENOUNCER = "Hoàng Văn Tố"
DENOUNCER_ID = "079088012345"
DENOUNCER_ADDRESS = "12 Hẻm Cây Me, khu phố 3"
DENOUNCER_CONTACT = "0987654321"


@dataclass
class Office:
    """Phường Long An's own staff: the ones who record and settle its petitions."""

    clerk: User
    reception: User
    head: User
    investigator: User
    other_specialist: User


@pytest.fixture
def office(province: Province, cast: Cast) -> Office:
    la = province.long_an
    return Office(
        clerk=make_staff("vanthu.la", "Ngô Thị Thư", (la, Role.CLERK)),
        reception=make_staff("tiepdan.la", "Trương Văn Đón", (la, Role.RECEPTION)),
        head=make_staff("chutich.la", "Phan Văn Chủ", (la, Role.HEAD)),
        investigator=make_staff("xacminh.la", "Đỗ Thị Minh", (la, Role.SPECIALIST)),
        other_specialist=make_staff("khac.la", "Mai Văn Khác", (la, Role.SPECIALIST)),
    )


def letter(kind: str = Kind.DENUNCIATION, **changes: str) -> Letter:
    values = {
        "kind": kind,
        "petitioner_name": DENOUNCER,
        "petitioner_id_number": DENOUNCER_ID,
        "petitioner_address": DENOUNCER_ADDRESS,
        "petitioner_contact": DENOUNCER_CONTACT,
        "respondent": "Ông Lê Văn Cán, cán bộ địa chính phường",
        "summary": "Tố cáo cán bộ địa chính nhận tiền khi làm hồ sơ đất",
        "content": "Cán bộ địa chính yêu cầu nộp thêm 5 triệu đồng ngoài lệ phí.",
        "request": "Đề nghị xác minh, xử lý nghiêm.",
    }
    values.update(changes)
    return Letter(**values)


@pytest.fixture
def denunciation(province: Province, office: Office) -> Petition:
    return record_petition(
        actor=office.clerk,
        letter=letter(),
        addressed_to=province.long_an,
        channel=Channel.DESK,
    )
