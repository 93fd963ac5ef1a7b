"""The process admin: one JSON definition, validated, saved through `save_process`.

The platform operators' only: units' administrators edit their processes at
/quan-tri-don-vi/quy-trinh/ (test_process_editor.py) and are kept out of here.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.procedures.models import Field, Procedure, ProcedureLevel, Process, ProcessStep
from egov.onestop.procedures.processes import process_definition, save_process, standard_definition
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent

ADD_URL = "/admin/procedures/process/add/"


@pytest.fixture
def birth(db: None) -> Procedure:
    field = Field.objects.create(name="Hộ tịch")
    return Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=field,
        level=ProcedureLevel.COMMUNE,
        implementing_agency="UBND cấp xã",
        processing_days=Decimal("3"),
        result_type="Giấy khai sinh",
    )


@pytest.fixture
def standard(birth: Procedure, province: Province) -> dict[str, Any]:
    return standard_definition(
        birth,
        agency=province.long_an,
        specialist_unit=province.long_an,
        leader_unit=province.long_an,
    )


@pytest.fixture
def commune_admin(cast: Cast) -> User:
    """Long An's administrator, with the staff flag that once opened the admin to them."""
    User.objects.filter(pk=cast.admin.pk).update(is_staff=True)
    cast.admin.refresh_from_db()
    return cast.admin


def _change_url(process: Process) -> str:
    return f"/admin/procedures/process/{process.pk}/change/"


def _saved_events() -> int:
    return AuditEvent.objects.filter(event_type="procedures.process_saved").count()


def test_add_page_has_the_definition_textarea(
    client: Client, superuser: User, birth: Procedure
) -> None:
    login(client, superuser)

    response = client.get(ADD_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<textarea name="definition"' in page
    assert "Định nghĩa quy trình (JSON)" in page


def test_superuser_adds_a_valid_process_and_it_is_audited(
    client: Client,
    superuser: User,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
) -> None:
    login(client, superuser)

    response = client.post(
        ADD_URL,
        {
            "procedure": str(birth.pk),
            "agency": str(province.long_an.pk),
            "definition": json.dumps(standard, ensure_ascii=False),
        },
    )

    assert response.status_code == 302
    process = Process.objects.get()
    assert (process.procedure, process.agency, process.name) == (
        birth,
        province.long_an,
        "Quy trình Đăng ký khai sinh – Phường Long An",
    )
    assert list(process.steps.values_list("name", flat=True)) == [
        "Tiếp nhận hồ sơ",
        "Thẩm định hồ sơ",
        "Lãnh đạo phê duyệt",
        "Trả kết quả",
    ]
    event = AuditEvent.objects.get(event_type="procedures.process_saved")
    assert (event.actor, event.target_id) == (superuser, str(process.pk))
    assert event.details == {"created": True, "definition": standard}


def test_change_page_is_prefilled_and_shows_the_diagram(
    client: Client,
    superuser: User,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )
    login(client, superuser)

    response = client.get(_change_url(process))

    assert response.status_code == 200
    assert response.context["adminform"].form["definition"].value() == json.dumps(
        standard, ensure_ascii=False, indent=2
    )
    page = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "1. Tiếp nhận hồ sơ" in page


def test_commune_administrator_is_kept_out_of_the_process_admin_even_for_their_process(
    client: Client,
    commune_admin: User,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )
    changed = copy.deepcopy(standard)
    changed["steps"][1]["hours"] = "13.25"
    changed["steps"][2]["hours"] = "5.5"
    login(client, commune_admin)

    response = client.post(
        _change_url(process), {"definition": json.dumps(changed, ensure_ascii=False)}
    )

    # The Django admin is closed to all but superusers: its login page.
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert process_definition(process) == standard
    assert _saved_events() == 1


def test_broken_definition_is_refused_with_every_reason_and_nothing_written(
    client: Client,
    superuser: User,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )
    before = process_definition(process)
    broken = copy.deepcopy(standard)
    broken["steps"][1]["hours"] = "14"
    broken["steps"][2]["actions"][1]["to"] = "tra_ket_qua"
    login(client, superuser)

    response = client.post(
        _change_url(process), {"definition": json.dumps(broken, ensure_ascii=False)}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["definition"] == [
        "Bước «Lãnh đạo phê duyệt»: thao tác «Trả lại bước trước» chỉ được trả về "
        "một bước đứng trước.",
        "Tổng thời gian các bước là 22,25 giờ, khác thời hạn giải quyết của thủ tục "
        "là 22,5 giờ làm việc.",
    ]
    assert "Tổng thời gian các bước là 22,25 giờ" in response.content.decode()
    assert process_definition(process) == before
    assert _saved_events() == 1


def test_invalid_json_is_refused_with_its_position(
    client: Client, superuser: User, birth: Procedure, province: Province
) -> None:
    login(client, superuser)

    response = client.post(
        ADD_URL,
        {
            "procedure": str(birth.pk),
            "agency": str(province.long_an.pk),
            "definition": '{"name": "Quy trình",\n "steps": [}',
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["definition"] == [
        "Định nghĩa không phải JSON hợp lệ (dòng 2, cột 12)."
    ]
    assert (Process.objects.count(), _saved_events()) == (0, 0)


def test_commune_administrator_cannot_change_another_communes_process(
    client: Client,
    commune_admin: User,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.tan_ninh, definition=standard
    )
    before = process_definition(process)
    changed = copy.deepcopy(standard)
    changed["name"] = "Đổi tên trái phép"
    login(client, commune_admin)

    response = client.post(
        _change_url(process), {"definition": json.dumps(changed, ensure_ascii=False)}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert process_definition(process) == before
    assert _saved_events() == 1


def test_commune_administrator_cannot_add_a_process_for_another_commune(
    client: Client,
    commune_admin: User,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
) -> None:
    login(client, commune_admin)

    response = client.post(
        ADD_URL,
        {
            "procedure": str(birth.pk),
            "agency": str(province.tan_ninh.pk),
            "definition": json.dumps(standard, ensure_ascii=False),
        },
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert (Process.objects.count(), ProcessStep.objects.count(), _saved_events()) == (0, 0, 0)


def test_specialist_is_kept_out_of_the_process_admin(
    client: Client,
    cast: Cast,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )
    before = process_definition(process)
    changed = copy.deepcopy(standard)
    changed["name"] = "Đổi tên trái phép"
    login(client, cast.specialist)

    response = client.post(
        _change_url(process), {"definition": json.dumps(changed, ensure_ascii=False)}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert process_definition(process) == before
    assert _saved_events() == 1


def test_platform_operator_lists_every_agencys_process_and_a_unit_administrator_none(
    client: Client,
    superuser: User,
    commune_admin: User,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
) -> None:
    own = save_process(actor=None, procedure=birth, agency=province.long_an, definition=standard)
    other = save_process(actor=None, procedure=birth, agency=province.tan_ninh, definition=standard)

    operator = login(Client(), superuser).get("/admin/procedures/process/")
    administrator = login(client, commune_admin).get("/admin/procedures/process/")

    assert operator.status_code == 200
    assert sorted(p.pk for p in operator.context["cl"].result_list) == [own.pk, other.pk]
    assert administrator.status_code == 302
    assert administrator["Location"].startswith("/admin/login/")
