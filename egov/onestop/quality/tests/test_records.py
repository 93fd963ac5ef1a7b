"""The register of quality records (issue 19, item 2): linked, not copied; carried forward."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Channel, Dossier
from egov.onestop.procedures.models import Process
from egov.onestop.quality.models import Edition
from egov.onestop.quality.records import services
from egov.onestop.quality.records.models import QualityRecord, RecordRegister
from egov.onestop.quality.records.selectors import linked_records
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def snapshot() -> tuple[list[Any], ...]:
    return (
        list(RecordRegister.objects.order_by("pk").values()),
        list(QualityRecord.objects.order_by("pk").values()),
        [AuditEvent.objects.count()],
    )


def _dossier(province: Province, edition: Edition, code: str, received: datetime) -> Dossier:
    return Dossier.objects.create(
        code=code,
        procedure=Process.objects.get().procedure,
        process=Process.objects.get(),
        receiving_unit=province.long_an_centre,
        agency=province.long_an,
        applicant_name="Trần Văn An",
        channel=Channel.DIRECT,
        received_at=received,
    )


@pytest.fixture
def register(cast: Cast, edition: Edition) -> RecordRegister:
    return services.open_register(actor=cast.admin, document=edition.document, year=2026)


def test_a_register_starts_from_section_seven(register: RecordRegister) -> None:
    rows = list(register.records.order_by("position").values_list("position", "name", "source"))

    assert rows == [
        (1, "Hồ sơ đề nghị giải quyết TTHC và kết quả giải quyết", "dossiers"),
        (2, "Phiếu kiểm soát quá trình giải quyết hồ sơ", "control_slips"),
        (3, "Sổ theo dõi hồ sơ", "register"),
    ]
    assert register.records.get(position=1).retention_note == (
        "Theo quy định về thời hạn lưu trữ hồ sơ của cơ quan (chưa kiểm chứng)"
    )


def test_the_records_are_the_platforms_own_dossiers_of_that_year(
    province: Province, edition: Edition, register: RecordRegister
) -> None:
    first = _dossier(province, edition, "H53-260105-0001", datetime(2026, 1, 5, 9, tzinfo=VN))
    _dossier(province, edition, "H53-251231-0009", datetime(2025, 12, 31, 23, tzinfo=VN))
    # 1 January, 00:30 in Vietnam: still 2025-12-31 in UTC, but the 2026 register's
    last = _dossier(province, edition, "H53-260101-0001", datetime(2026, 1, 1, 0, 30, tzinfo=VN))

    rows = linked_records(register)

    assert [(r.count, [(link.label, link.url) for link in r.links]) for r in rows] == [
        (
            2,
            [
                ("H53-260101-0001", f"/ho-so/{last.pk}/"),
                ("H53-260105-0001", f"/ho-so/{first.pk}/"),
            ],
        ),
        (
            2,
            [
                ("H53-260101-0001", f"/in/ho-so/{last.pk}/mau-06.pdf"),
                ("H53-260105-0001", f"/in/ho-so/{first.pk}/mau-06.pdf"),
            ],
        ),
        (
            None,
            [
                (
                    "Sổ theo dõi năm 2026",
                    f"/in/so-theo-doi/{province.long_an.pk}.pdf?tu=2026-01-01&den=2026-12-31",
                )
            ],
        ),
    ]
    # linked, not copied: the register holds no dossier
    assert QualityRecord.objects.count() == 3


def test_the_yearly_rollover_carries_the_set_forward_once(
    cast: Cast, province: Province, register: RecordRegister
) -> None:
    services.add_record(
        actor=cast.admin,
        register=register,
        name="Biên bản họp xem xét",
        source="other",
        location="Tủ hồ sơ văn phòng",
        retention_years=5,
    )

    created = services.roll_over(actor=cast.admin, agency=province.long_an, year=2026)
    again = services.roll_over(actor=cast.admin, agency=province.long_an, year=2026)

    following = RecordRegister.objects.get(year=2027)
    assert ([r.pk for r in created], again) == ([following.pk], [])
    assert following.carried_from == register
    assert list(
        following.records.order_by("position").values_list(
            "name", "source", "location", "retention_years"
        )
    ) == list(
        register.records.order_by("position").values_list(
            "name", "source", "location", "retention_years"
        )
    )
    assert following.records.count() == 4
    assert list(
        AuditEvent.objects.filter(event_type="quality.records_rolled_over")
        .order_by("pk")
        .values_list("details", flat=True)
    ) == [
        {"from": 2026, "to": 2027, "documents": ["QT-1.001193"]},
        {"from": 2026, "to": 2027, "documents": []},
    ]


@pytest.mark.parametrize("member", ["specialist", "outsider", "reception"])
def test_only_the_agencys_managers_keep_the_register(
    cast: Cast, province: Province, edition: Edition, register: RecordRegister, member: str
) -> None:
    actor = getattr(cast, member)
    before = snapshot()

    with pytest.raises(PermissionDenied):
        services.open_register(actor=actor, document=edition.document, year=2027)
    with pytest.raises(PermissionDenied):
        services.add_record(actor=actor, register=register, name="x", source="other")
    with pytest.raises(PermissionDenied):
        services.roll_over(actor=actor, agency=province.long_an, year=2026)

    assert snapshot() == before


def test_a_record_kept_outside_needs_its_location(cast: Cast, register: RecordRegister) -> None:
    before = snapshot()

    with pytest.raises(InvalidInput) as refused:
        services.add_record(actor=cast.admin, register=register, name="Sổ giấy", source="other")

    assert (refused.value.code, refused.value.message) == (
        "invalid_record",
        "Hồ sơ lưu ngoài hệ thống cần ghi nơi lưu.",
    )
    assert snapshot() == before


def test_the_register_page_links_and_another_commune_gets_404(
    client: Client, cast: Cast, province: Province, register: RecordRegister
) -> None:
    login(client, cast.specialist)
    body = client.get(f"/chat-luong/ho-so-luu/{register.pk}/").content.decode()
    login(client, cast.outsider)
    outsider = client.get(f"/chat-luong/ho-so-luu/{register.pk}/")

    assert "<h1>Danh mục hồ sơ QT-1.001193 năm 2026</h1>" in body
    assert '<span class="tag">0 hồ sơ</span>' in body
    assert (
        f'<a href="/in/so-theo-doi/{province.long_an.pk}.pdf?tu=2026-01-01&amp;den=2026-12-31">'
        "Sổ theo dõi năm 2026</a>"
    ) in body
    assert "Thêm hồ sơ cần lưu" not in body
    assert outsider.status_code == 404


def test_the_rollover_through_the_page(
    client: Client, cast: Cast, register: RecordRegister
) -> None:
    login(client, cast.admin)

    response = client.post(f"/chat-luong/ho-so-luu/{register.pk}/chuyen-nam/")

    following = RecordRegister.objects.get(year=2027)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/chat-luong/ho-so-luu/{following.pk}/",
    )
