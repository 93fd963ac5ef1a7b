from __future__ import annotations

from typing import Any

import pytest

from egov.conftest import Cast, Province, make_staff
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.services import create_unit, update_unit


def test_tree_of_any_depth_keeps_paths(province: Province, cast: Cast) -> None:
    office = create_unit(
        actor=cast.admin,
        name="Phòng Văn hóa - Xã hội",
        kind=UnitKind.DEPARTMENT,
        parent=province.long_an,
    )
    team = create_unit(actor=cast.admin, name="Tổ một cửa", kind=UnitKind.DEPARTMENT, parent=office)
    sub_team = create_unit(
        actor=cast.admin, name="Nhóm hộ tịch", kind=UnitKind.DEPARTMENT, parent=team
    )

    assert sub_team.depth == 4
    assert sub_team.path == (
        f"/{province.province.pk}/{province.long_an.pk}/{office.pk}/{team.pk}/{sub_team.pk}/"
    )
    assert sub_team.is_within(province.long_an)
    assert not sub_team.is_within(province.tan_ninh)
    event = AuditEvent.objects.filter(event_type="organisation.unit_created").latest("id")
    assert event.actor == cast.admin
    assert event.target_id == str(sub_team.pk)
    assert event.details == {
        "name": "Nhóm hộ tịch",
        "kind": "department",
        "parent": team.pk,
        "stat_code": None,
        "agency_code": None,
    }


def test_moving_a_unit_moves_its_subtree(province: Province, superuser: User) -> None:
    office = create_unit(
        actor=superuser, name="Phòng Kinh tế", kind=UnitKind.DEPARTMENT, parent=province.long_an
    )
    team = create_unit(actor=superuser, name="Tổ đất đai", kind=UnitKind.DEPARTMENT, parent=office)

    update_unit(actor=superuser, unit=office, parent=province.tan_ninh)

    team.refresh_from_db()
    assert team.path == f"/{province.province.pk}/{province.tan_ninh.pk}/{office.pk}/{team.pk}/"
    assert team.depth == 3
    event = AuditEvent.objects.get(event_type="organisation.unit_updated")
    assert event.details == {
        "changes": {"parent": {"from": province.long_an.pk, "to": province.tan_ninh.pk}}
    }


def test_unit_cannot_move_under_itself(province: Province, superuser: User) -> None:
    before = list(Unit.objects.order_by("pk").values_list("pk", "path"))

    with pytest.raises(InvalidInput) as error:
        update_unit(actor=superuser, unit=province.long_an, parent=province.long_an_centre)

    assert error.value.code == "unit_cycle"
    assert list(Unit.objects.order_by("pk").values_list("pk", "path")) == before


def test_agency_code_is_unique(province: Province, superuser: User) -> None:
    with pytest.raises(InvalidInput) as error:
        create_unit(
            actor=superuser,
            name="Trùng mã",
            kind=UnitKind.DEPARTMENT,
            parent=province.province,
            agency_code="000.00.12.H53",
        )

    assert error.value.code == "invalid_unit"
    assert error.value.message == "Mã định danh này đã được dùng cho đơn vị khác."
    assert not Unit.objects.filter(name="Trùng mã").exists()


@pytest.mark.parametrize(
    "code", ["H53", "000.00.00.h53", "000-00-00-H53", "1.2.H53", "000.00.00.H5"]
)
def test_malformed_agency_code_is_refused(province: Province, superuser: User, code: str) -> None:
    with pytest.raises(InvalidInput) as error:
        create_unit(
            actor=superuser,
            name="Sai mã",
            kind=UnitKind.DEPARTMENT,
            parent=province.province,
            agency_code=code,
        )

    assert (
        error.value.message == "Mã định danh không đúng dạng (ví dụ: 000.00.00.H41 hoặc 28.22.H17)."
    )
    assert not Unit.objects.filter(name="Sai mã").exists()


@pytest.mark.parametrize("code", ["000.00.00.H41", "28.22.H17", "001.02.30.H53"])
def test_wellformed_agency_codes_are_accepted(
    province: Province, superuser: User, code: str
) -> None:
    unit = create_unit(
        actor=superuser,
        name="Đúng mã",
        kind=UnitKind.DEPARTMENT,
        parent=province.province,
        agency_code=code,
    )

    assert Unit.objects.get(pk=unit.pk).agency_code == code


def test_statistical_code_unique_per_kind(province: Province, superuser: User) -> None:
    with pytest.raises(InvalidInput):
        create_unit(
            actor=superuser,
            name="Trùng",
            kind=UnitKind.COMMUNE,
            parent=province.province,
            stat_code="27694",
        )

    assert Unit.objects.filter(stat_code="27694").count() == 1


def test_administrator_of_a_commune_cannot_create_in_another(
    province: Province, cast: Cast
) -> None:
    count = Unit.objects.count()

    with pytest.raises(PermissionDenied):
        create_unit(
            actor=cast.admin, name="Phòng lạ", kind=UnitKind.DEPARTMENT, parent=province.tan_ninh
        )

    assert Unit.objects.count() == count
    assert not AuditEvent.objects.filter(unit__name="Phòng lạ").exists()


@pytest.mark.parametrize("member", ["specialist", "leader", "reception", "citizen"])
def test_non_administrators_cannot_change_units(
    province: Province, cast: Cast, member: str
) -> None:
    actor = getattr(cast, member)
    events = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied):
        update_unit(actor=actor, unit=province.long_an, name="Đổi tên")

    assert Unit.objects.get(pk=province.long_an.pk).name == "Phường Long An"
    assert AuditEvent.objects.count() == events


def test_only_platform_superusers_create_roots(province: Province, cast: Cast) -> None:
    admin_of_province = make_staff(
        "qt.tinh", "Quản trị tỉnh", (province.province, Role.ADMINISTRATOR)
    )

    with pytest.raises(PermissionDenied):
        create_unit(actor=admin_of_province, name="Tỉnh khác", kind=UnitKind.PROVINCE)

    assert not Unit.objects.filter(name="Tỉnh khác").exists()


def test_unchanged_update_writes_no_event(province: Province, superuser: User) -> None:
    events = AuditEvent.objects.count()

    update_unit(actor=superuser, unit=province.long_an, name="Phường Long An")

    assert AuditEvent.objects.count() == events


def test_duplicate_code_race_becomes_conflict(
    province: Province, superuser: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # full_clean's unique check passes, then another writer commits the same
    # code before our INSERT: the database constraint decides, cleanly.
    original = Unit.full_clean

    def racing_clean(self: Unit, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        Unit.objects.filter(pk=province.justice.pk).update(agency_code="000.00.99.H53")

    monkeypatch.setattr(Unit, "full_clean", racing_clean)

    with pytest.raises(Conflict) as error:
        create_unit(
            actor=superuser,
            name="Racer",
            kind=UnitKind.DEPARTMENT,
            parent=province.province,
            agency_code="000.00.99.H53",
        )

    assert error.value.code == "unit_code_taken"
    assert not Unit.objects.filter(name="Racer").exists()
