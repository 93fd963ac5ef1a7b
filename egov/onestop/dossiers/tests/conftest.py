"""A birth registration at Phường Long An: a 5-day procedure, a 4-step process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egov.conftest import Cast, Province, make_staff
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.services import Applicant, move_on, receive_dossier
from egov.onestop.procedures.models import (
    Field,
    Procedure,
    ProcedureDocument,
    ProcedureLevel,
    Process,
    ProcessStep,
    StepAction,
    StepTransition,
)
from egov.platform.accounts.models import Role, User
from egov.platform.notifications.models import OutboundEmail
from egov.platform.organisation.models import Unit


@dataclass
class Desk:
    procedure: Procedure
    process: Process
    reception_step: ProcessStep
    specialist_step: ProcessStep
    leader_step: ProcessStep
    return_step: ProcessStep
    documents: list[ProcedureDocument]
    commune_leader: User
    commune_head: User


@pytest.fixture
def desk(province: Province, cast: Cast) -> Desk:
    procedure = Procedure.objects.create(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        field=Field.objects.create(name="Hộ tịch"),
        level=ProcedureLevel.COMMUNE,
        implementing_agency="UBND cấp xã",
        processing_days=Decimal("5"),
        result_type="Giấy khai sinh",
    )
    documents = [
        ProcedureDocument.objects.create(
            procedure=procedure, position=1, name="Tờ khai đăng ký khai sinh", required=True
        ),
        ProcedureDocument.objects.create(
            procedure=procedure, position=2, name="Giấy chứng sinh", required=True
        ),
        ProcedureDocument.objects.create(
            procedure=procedure, position=3, name="Văn bản ủy quyền", required=False
        ),
    ]
    process = Process.objects.create(
        procedure=procedure, agency=province.long_an, name="Khai sinh tại Phường Long An"
    )

    def step(position: int, name: str, unit: Unit | None, role: Role, hours: str) -> ProcessStep:
        return ProcessStep.objects.create(
            process=process,
            position=position,
            key=f"step_{position}",
            name=name,
            unit=unit,
            role=role,
            allowance_hours=Decimal(hours),
            is_final=position == 4,
        )

    reception = step(1, "Tiếp nhận hồ sơ", None, Role.RECEPTION, "3.75")
    specialist = step(2, "Thẩm định hồ sơ", province.long_an, Role.SPECIALIST, "26.25")
    leader = step(3, "Lãnh đạo ký duyệt", province.long_an, Role.LEADER, "7.5")
    back = step(4, "Trả kết quả", None, Role.RECEPTION, "0")
    for source, action, target in [
        (reception, StepAction.FORWARD, specialist),
        (specialist, StepAction.FORWARD, leader),
        (specialist, StepAction.RETURN, reception),
        (specialist, StepAction.SUPPLEMENT, None),
        (specialist, StepAction.REFUSE, None),
        (leader, StepAction.APPROVE, back),
        (leader, StepAction.RETURN, specialist),
    ]:
        StepTransition.objects.create(step=source, action=action, target=target)
    return Desk(
        procedure=procedure,
        process=process,
        reception_step=reception,
        specialist_step=specialist,
        leader_step=leader,
        return_step=back,
        documents=documents,
        commune_leader=make_staff(
            "lanhdao.longan", "Trương Công Danh", (province.long_an, Role.LEADER)
        ),
        commune_head=make_staff(
            "truongphong.longan", "Mai Văn Phúc", (province.long_an, Role.HEAD)
        ),
    )


APPLICANT = Applicant(
    name="Trần Văn An",
    id_number="072090001234",
    address="Khu phố 1, Phường Long An, Tỉnh Tây Ninh",
    phone="0912345678",
    email="an.tran@example.vn",
)


def receive(desk: Desk, cast: Cast, province: Province, **overrides: object) -> Dossier:
    kwargs: dict[str, object] = {
        "actor": cast.reception,
        "receiving_unit": province.long_an_centre,
        "procedure": desk.procedure,
        "agency": province.long_an,
        "applicant": APPLICANT,
        "outcome": "accept",
        "received_document_ids": [desk.documents[0].pk, desk.documents[1].pk],
    }
    kwargs.update(overrides)
    return receive_dossier(**kwargs)  # type: ignore[arg-type]


VN = ZoneInfo("Asia/Ho_Chi_Minh")
ACCEPTED_AT = datetime(2026, 3, 2, 8, 0, tzinfo=VN)  # a Monday
CITIZEN_EMAIL = "congdan@example.vn"


@pytest.fixture
def applicant(cast: Cast) -> User:
    """The cast's citizen, with an e-mail address."""
    User.objects.filter(pk=cast.citizen.pk).update(email=CITIZEN_EMAIL)
    cast.citizen.refresh_from_db()
    return cast.citizen


@pytest.fixture
def online_dossier(desk: Desk, cast: Cast, province: Province, applicant: User) -> Dossier:
    """Accepted Mon 2 Mar 2026 08:00 and forwarded to the specialist, with an account.

    The account is linked afterwards and the e-mails of reception (to the
    address given at the desk) are cleared: each test sees only its own change.
    """
    with time_machine.travel(ACCEPTED_AT, tick=False):
        dossier = receive(desk, cast, province)
        dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=applicant)
    OutboundEmail.objects.all().delete()
    dossier.refresh_from_db()
    return dossier
