from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierStatus, Handover, SupplementRequest
from egov.onestop.dossiers.services import Applicant, accept_dossier
from egov.onestop.dossiers.tests.conftest import APPLICANT, Desk, receive
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@time_machine.travel(datetime(2026, 2, 9, 9, 0, tzinfo=VN), tick=False)
def test_accepting_gives_code_appointment_and_first_step(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)

    assert dossier.code == "001.01.30.H53-260209-0001"
    assert dossier.status == DossierStatus.ACCEPTED
    # 5 working days from Monday 9 Feb 09:00, across Tết (16-20 Feb).
    assert dossier.appointment_at == datetime(2026, 2, 23, 9, 0, tzinfo=VN)
    assert dossier.deadline_at == dossier.appointment_at
    assert dossier.current_step == desk.reception_step
    assert dossier.current_unit == province.long_an_centre
    assert dossier.step_due_at == datetime(2026, 2, 9, 14, 45, tzinfo=VN)
    assert dossier.assignee == cast.reception
    assert len(dossier.tracking_secret) == 6
    assert [(d.name, d.received) for d in dossier.documents.order_by("pk")] == [
        ("Tờ khai đăng ký khai sinh", True),
        ("Giấy chứng sinh", True),
        ("Văn bản ủy quyền", False),
    ]
    handover = Handover.objects.get(dossier=dossier)
    assert (handover.action, handover.from_user, handover.to_step) == (
        "accept",
        cast.reception,
        desk.reception_step,
    )
    assert list(
        AuditEvent.objects.filter(target_id=str(dossier.pk), event_type__startswith="dossiers.")
        .order_by("id")
        .values_list("event_type", flat=True)
    ) == ["dossiers.registered", "dossiers.accepted"]


@time_machine.travel(datetime(2026, 2, 9, 9, 0, tzinfo=VN), tick=False)
def test_codes_count_per_desk_and_day(desk: Desk, cast: Cast, province: Province) -> None:
    codes = [receive(desk, cast, province).code for _ in range(3)]

    assert codes == [
        "001.01.30.H53-260209-0001",
        "001.01.30.H53-260209-0002",
        "001.01.30.H53-260209-0003",
    ]


def test_any_centre_of_the_province_may_receive(desk: Desk, cast: Cast, province: Province) -> None:
    from egov.conftest import make_staff
    from egov.platform.accounts.models import Role

    provincial = make_staff("tiepnhan.tinh", "Nguyễn Thị Thu", (province.centre, Role.RECEPTION))

    dossier = receive(desk, cast, province, actor=provincial, receiving_unit=province.centre)

    assert dossier.code is not None
    assert dossier.code.startswith("000.00.01.H53-")
    assert dossier.agency == province.long_an


def test_missing_required_document_refuses_and_writes_nothing(
    desk: Desk, cast: Cast, province: Province
) -> None:
    with pytest.raises(InvalidInput) as error:
        receive(desk, cast, province, received_document_ids=[desk.documents[0].pk])

    assert error.value.code == "missing_documents"
    assert error.value.message == "Còn thiếu giấy tờ bắt buộc: Giấy chứng sinh."
    assert Dossier.objects.count() == 0
    assert not AuditEvent.objects.filter(event_type__startswith="dossiers.").exists()


def test_supplement_at_reception_lists_what_is_missing(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(
        desk,
        cast,
        province,
        outcome="supplement",
        items=["Giấy chứng sinh (bản chính)"],
        received_document_ids=[desk.documents[0].pk],
    )

    assert dossier.status == DossierStatus.SUPPLEMENT
    assert dossier.code is None
    assert SupplementRequest.objects.get(dossier=dossier).items == ["Giấy chứng sinh (bản chính)"]


def test_refusal_at_reception_needs_a_reason(desk: Desk, cast: Cast, province: Province) -> None:
    with pytest.raises(InvalidInput) as error:
        receive(desk, cast, province, outcome="refuse", reason="  ")
    dossier = receive(
        desk, cast, province, outcome="refuse", reason="Thủ tục không thuộc thẩm quyền."
    )

    assert error.value.code == "reason_required"
    assert dossier.status == DossierStatus.NOT_ACCEPTED
    assert dossier.outcome_reason == "Thủ tục không thuộc thẩm quyền."
    assert dossier.ended_at is not None
    assert Dossier.objects.count() == 1


@pytest.mark.parametrize(
    ("applicant", "code", "message"),
    [
        (Applicant(name=" "), "applicant_name_required", "Cần nhập họ tên người nộp hồ sơ."),
        (
            Applicant(name="A", id_number="123"),
            "invalid_applicant",
            "Số định danh cá nhân (CCCD) gồm đúng 12 chữ số.",
        ),
        (
            Applicant(name="A", phone="abc"),
            "invalid_applicant",
            "Số điện thoại không đúng (ví dụ 0912345678).",
        ),
    ],
)
def test_bad_applicant_data_is_refused(
    desk: Desk, cast: Cast, province: Province, applicant: Applicant, code: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        receive(desk, cast, province, applicant=applicant)

    assert (error.value.code, error.value.message) == (code, message)
    assert Dossier.objects.count() == 0


@pytest.mark.parametrize("member", ["specialist", "outsider", "citizen", "leader"])
def test_only_reception_officers_of_the_centre_receive(
    desk: Desk, cast: Cast, province: Province, member: str
) -> None:
    with pytest.raises(PermissionDenied):
        receive(desk, cast, province, actor=getattr(cast, member))

    assert Dossier.objects.count() == 0
    assert not AuditEvent.objects.filter(event_type__startswith="dossiers.").exists()


def test_double_accept_is_refused_and_changes_nothing(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)
    before = Dossier.objects.filter(pk=dossier.pk).values().get()

    with pytest.raises(Exception) as error:
        accept_dossier(actor=cast.reception, dossier=dossier)

    assert getattr(error.value, "code", None) == "transition_not_allowed"
    assert Dossier.objects.filter(pk=dossier.pk).values().get() == before


def test_agency_outside_the_province_is_refused(desk: Desk, cast: Cast, province: Province) -> None:
    from egov.platform.organisation.models import UnitKind
    from egov.platform.organisation.services import create_unit

    other = create_unit(actor=None, name="Tỉnh Khác", kind=UnitKind.PROVINCE, stat_code="99")

    with pytest.raises(InvalidInput) as error:
        receive(desk, cast, province, agency=other)

    assert error.value.code == "agency_outside_province"
    assert APPLICANT.name == "Trần Văn An"
