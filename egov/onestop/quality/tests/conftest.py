"""Fixtures of the quality tests: Đăng ký khai sinh at Phường Long An, its standard process."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from egov.conftest import Province, make_staff
from egov.onestop.procedures.models import Field, Procedure, ProcedureDocument, ProcedureLevel
from egov.onestop.procedures.processes import save_process, standard_definition
from egov.onestop.quality.models import Edition
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent


@pytest.fixture
def birth(db: None) -> Procedure:
    procedure = Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=Field.objects.create(name="Hộ tịch"),
        level=ProcedureLevel.COMMUNE,
        implementing_agency="UBND cấp xã",
        processing_days=Decimal("3"),
        result_type="Giấy khai sinh",
        legal_basis="Luật Hộ tịch 2014\nNghị định 123/2015/NĐ-CP",
    )
    ProcedureDocument.objects.create(
        procedure=procedure, position=1, name="Tờ khai đăng ký khai sinh", form_template="Tờ khai"
    )
    return procedure


@pytest.fixture
def standard(birth: Procedure, province: Province) -> dict[str, Any]:
    return standard_definition(
        birth,
        agency=province.long_an,
        specialist_unit=province.long_an,
        leader_unit=province.long_an,
    )


def save(birth: Procedure, province: Province, definition: dict[str, Any]) -> None:
    save_process(actor=None, procedure=birth, agency=province.long_an, definition=definition)


def slower(definition: dict[str, Any], hours: str) -> dict[str, Any]:
    """The specialist gets `hours`, taken from the leader: the total stays the procedure's."""
    changed = copy.deepcopy(definition)
    both = Decimal(changed["steps"][1]["hours"]) + Decimal(changed["steps"][2]["hours"])
    changed["steps"][1]["hours"] = hours
    changed["steps"][2]["hours"] = str(both - Decimal(hours))
    return changed


def state() -> tuple[list[Any], int]:
    rows = list(Edition.objects.order_by("pk").values())
    return rows, AuditEvent.objects.count()


@pytest.fixture
def edition(birth: Procedure, province: Province, standard: dict[str, Any]) -> Edition:
    """Edition 1 (a draft), proposed by saving the standard process."""
    save_process(actor=None, procedure=birth, agency=province.long_an, definition=standard)
    return Edition.objects.get()


@pytest.fixture
def auditor(province: Province) -> User:
    """An internal auditor of Phường Long An who does no step of its procedures (a clerk)."""
    return make_staff("danhgia", "Trương Thị Kim", (province.long_an, Role.CLERK))
