"""Internal processes: the definition format, its validation, saving, the
standard template, the diagram and the staff page."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Channel, Dossier
from egov.onestop.procedures.diagram import allowance_text, render_process_svg
from egov.onestop.procedures.models import (
    Field,
    Procedure,
    ProcedureLevel,
    Process,
    ProcessStep,
    StepTransition,
)
from egov.onestop.procedures.processes import (
    ProcessProblem,
    process_definition,
    save_process,
    standard_allowances,
    standard_definition,
    validate_definition,
)
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.services import create_unit

RECEPTION, SPECIALIST, LEADER, RESULT = (
    "tiep_nhan_ho_so",
    "tham_dinh_ho_so",
    "lanh_dao_phe_duyet",
    "tra_ket_qua",
)


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


def _step(definition: dict[str, Any], key: str) -> dict[str, Any]:
    step: dict[str, Any] = next(s for s in definition["steps"] if s["key"] == key)
    return step


def _problems(
    procedure: Procedure, province: Province, definition: object
) -> list[tuple[str, str, str | None]]:
    found = validate_definition(procedure, province.long_an, definition)
    return [(p.code, p.message, p.step) for p in found]


def test_standard_definition_of_a_three_day_procedure(
    standard: dict[str, Any], province: Province
) -> None:
    # Given a 3-day procedure (22.5 office hours), when the template is built,
    # then reception has half a day, the leader 20%, the specialist the rest.
    assert standard == {
        "name": "Quy trình Đăng ký khai sinh – Phường Long An",
        "steps": [
            {
                "key": RECEPTION,
                "name": "Tiếp nhận hồ sơ",
                "unit": None,
                "role": "reception",
                "hours": "3.75",
                "final": False,
                "external_agency": None,
                "actions": [{"action": "forward", "to": SPECIALIST, "roles": []}],
            },
            {
                "key": SPECIALIST,
                "name": "Thẩm định hồ sơ",
                "unit": province.long_an.pk,
                "role": "specialist",
                "hours": "14.25",
                "final": False,
                "external_agency": None,
                "actions": [
                    {"action": "forward", "to": LEADER, "roles": []},
                    {"action": "supplement", "to": None, "roles": []},
                    {"action": "refuse", "to": None, "roles": []},
                    {"action": "return", "to": RECEPTION, "roles": []},
                ],
            },
            {
                "key": LEADER,
                "name": "Lãnh đạo phê duyệt",
                "unit": province.long_an.pk,
                "role": "leader",
                "hours": "4.5",
                "final": False,
                "external_agency": None,
                "actions": [
                    {"action": "approve", "to": RESULT, "roles": []},
                    {"action": "return", "to": SPECIALIST, "roles": []},
                ],
            },
            {
                "key": RESULT,
                "name": "Trả kết quả",
                "unit": None,
                "role": "reception",
                "hours": "0",
                "final": True,
                "external_agency": None,
                "actions": [],
            },
        ],
    }


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        # 15 days: 0.5 + 11.5 + 3 days, the example of the one-stop rules.
        (Decimal("112.5"), (Decimal("3.75"), Decimal("86.25"), Decimal("22.5"))),
        (Decimal("7.5"), (Decimal("3.75"), Decimal("2.25"), Decimal("1.5"))),
        # Under a day: 10% and 20%, rounded to quarter hours.
        (Decimal("4"), (Decimal("0.5"), Decimal("2.75"), Decimal("0.75"))),
        (Decimal("0.3"), (Decimal("0"), Decimal("0.3"), Decimal("0"))),
        (Decimal("0"), (Decimal("0"), Decimal("0"), Decimal("0"))),
    ],
)
def test_standard_allowances_add_up_to_the_time(
    total: Decimal, expected: tuple[Decimal, Decimal, Decimal]
) -> None:
    assert standard_allowances(total) == expected


def test_procedure_in_hours_gets_a_proportional_standard_process(
    birth: Procedure, province: Province
) -> None:
    # Given a procedure counted in hours (4 office hours)
    Procedure.objects.filter(pk=birth.pk).update(processing_days=None, processing_hours=4)
    birth.refresh_from_db()

    definition = standard_definition(
        birth, agency=province.long_an, specialist_unit=None, leader_unit=None
    )
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=definition
    )

    assert list(process.steps.values_list("allowance_hours", flat=True)) == [
        Decimal("0.50"),
        Decimal("2.75"),
        Decimal("0.75"),
        Decimal("0.00"),
    ]


def test_valid_standard_process_is_saved_with_exact_steps(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    process = save_process(
        actor=cast.admin, procedure=birth, agency=province.long_an, definition=standard
    )

    steps = [
        (s.position, s.name, s.unit_id, s.role, s.allowance_hours, s.is_final, s.external_agency_id)
        for s in process.steps.all()
    ]
    long_an = province.long_an.pk
    assert steps == [
        (1, "Tiếp nhận hồ sơ", None, "reception", Decimal("3.75"), False, None),
        (2, "Thẩm định hồ sơ", long_an, "specialist", Decimal("14.25"), False, None),
        (3, "Lãnh đạo phê duyệt", long_an, "leader", Decimal("4.50"), False, None),
        (4, "Trả kết quả", None, "reception", Decimal("0.00"), True, None),
    ]
    transitions = list(
        StepTransition.objects.filter(step__process=process)
        .order_by("pk")
        .values_list("step__position", "action", "target__position", "roles")
    )
    assert transitions == [
        (1, "forward", 2, []),
        (2, "forward", 3, []),
        (2, "supplement", None, []),
        (2, "refuse", None, []),
        (2, "return", 1, []),
        (3, "approve", 4, []),
        (3, "return", 2, []),
    ]
    event = AuditEvent.objects.get(event_type="procedures.process_saved")
    assert (event.actor, event.unit, event.target_id) == (
        cast.admin,
        province.long_an,
        str(process.pk),
    )
    assert event.details == {"created": True, "definition": standard}


def test_definition_round_trips(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    definition = copy.deepcopy(standard)
    _step(definition, SPECIALIST)["actions"][0]["roles"] = ["specialist", "head"]
    _step(definition, LEADER)["external_agency"] = province.justice.pk

    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=definition
    )

    assert process_definition(process) == definition


def test_keys_are_stored_as_given(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    definition = copy.deepcopy(standard)
    _step(definition, RESULT)["key"] = "ket_thuc"
    _step(definition, LEADER)["actions"][0]["to"] = "ket_thuc"

    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=definition
    )

    assert process_definition(process) == definition
    assert process.steps.get(position=4).key == "ket_thuc"


def test_saving_again_replaces_steps_and_keeps_matching_ones(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )
    before = dict(process.steps.values_list("name", "pk"))
    changed = copy.deepcopy(standard)
    changed["name"] = "Quy trình khai sinh (sửa đổi)"
    _step(changed, SPECIALIST).update(hours="10.25", name="Thẩm định, xác minh")
    _step(changed, LEADER)["hours"] = "8.5"

    again = save_process(actor=None, procedure=birth, agency=province.long_an, definition=changed)

    assert again.pk == process.pk
    assert list(again.steps.values_list("pk", "name", "allowance_hours")) == [
        (before["Tiếp nhận hồ sơ"], "Tiếp nhận hồ sơ", Decimal("3.75")),
        (before["Thẩm định hồ sơ"], "Thẩm định, xác minh", Decimal("10.25")),
        (before["Lãnh đạo phê duyệt"], "Lãnh đạo phê duyệt", Decimal("8.50")),
        (before["Trả kết quả"], "Trả kết quả", Decimal("0.00")),
    ]
    assert StepTransition.objects.filter(step__process=process).count() == 7
    assert Process.objects.get().name == "Quy trình khai sinh (sửa đổi)"
    assert AuditEvent.objects.filter(event_type="procedures.process_saved").count() == 2


def test_lien_thong_step_may_send_to_an_agency_of_another_province(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    tax = create_unit(actor=None, name="Cục Thuế", kind=UnitKind.DEPARTMENT)
    definition = copy.deepcopy(standard)
    _step(definition, SPECIALIST)["external_agency"] = tax.pk

    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=definition
    )

    assert process.steps.get(position=2).external_agency == tax
    svg = str(render_process_svg(process))
    assert "<title>Liên thông</title>" in svg
    assert "Liên thông tới: Cục Thuế" in svg


def test_broken_process_is_refused_with_every_problem_and_nothing_written(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    definition = copy.deepcopy(standard)
    _step(definition, SPECIALIST)["hours"] = "14"
    _step(definition, RESULT)["final"] = False

    with pytest.raises(InvalidInput) as caught:
        save_process(actor=None, procedure=birth, agency=province.long_an, definition=definition)

    assert caught.value.code == "invalid_process"
    assert caught.value.details == {
        "problems": [
            {
                "code": "no_final_step",
                "message": "Quy trình phải có ít nhất một bước kết thúc.",
                "step": None,
            },
            {
                "code": "hours_mismatch",
                "message": "Tổng thời gian các bước là 22,25 giờ, khác thời hạn giải quyết "
                "của thủ tục là 22,5 giờ làm việc.",
                "step": None,
            },
        ]
    }
    assert (Process.objects.count(), ProcessStep.objects.count()) == (0, 0)
    assert AuditEvent.objects.filter(event_type="procedures.process_saved").count() == 0


@pytest.mark.parametrize("who", ["outsider", "specialist"])
def test_only_administrators_of_the_agency_may_save(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast, who: str
) -> None:
    actor: User = getattr(cast, who)

    with pytest.raises(PermissionDenied) as caught:
        save_process(actor=actor, procedure=birth, agency=province.long_an, definition=standard)

    assert caught.value.code == "permission_denied"
    assert (Process.objects.count(), ProcessStep.objects.count()) == (0, 0)
    assert AuditEvent.objects.filter(event_type="procedures.process_saved").count() == 0


def test_commune_administrator_cannot_save_another_communes_process(
    birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    existing = save_process(
        actor=None, procedure=birth, agency=province.tan_ninh, definition=standard
    )
    before = process_definition(existing)
    changed = copy.deepcopy(standard)
    changed["name"] = "Đổi tên trái phép"

    with pytest.raises(PermissionDenied):
        save_process(
            actor=cast.admin, procedure=birth, agency=province.tan_ninh, definition=changed
        )

    assert process_definition(existing) == before
    assert AuditEvent.objects.filter(event_type="procedures.process_saved").count() == 1


def _broken(standard: dict[str, Any], change: str, province: Province) -> object:
    d = copy.deepcopy(standard)
    reception, specialist, leader, result = (
        _step(d, k) for k in (RECEPTION, SPECIALIST, LEADER, RESULT)
    )
    if change == "not_an_object":
        return ["steps"]
    if change == "missing_field":
        del reception["role"]
    elif change == "unknown_field":
        reception["colour"] = "red"
    elif change == "invalid_format":
        reception["role"] = "mayor"
    elif change == "no_steps":
        d["steps"] = []
    elif change == "invalid_key":
        reception["key"] = "Tiếp-nhận"
        specialist["actions"][3]["to"] = "Tiếp-nhận"
    elif change == "duplicate_key":
        result["key"] = SPECIALIST
    elif change == "invalid_hours":
        result["hours"] = "-1"
        specialist["hours"] = "15.25"
    elif change == "unknown_unit":
        specialist["unit"] = 999999
    elif change == "inactive_unit":
        Unit.objects.filter(pk=province.tan_ninh.pk).update(is_active=False)
        specialist["unit"] = province.tan_ninh.pk
    elif change == "unit_outside_province":
        other = create_unit(actor=None, name="Tỉnh Đồng Nai", kind=UnitKind.PROVINCE)
        specialist["unit"] = other.pk
    elif change == "final_step_has_actions":
        result["actions"] = [{"action": "return", "to": LEADER, "roles": []}]
    elif change == "duplicate_action":
        specialist["actions"].append({"action": "supplement", "to": None, "roles": []})
    elif change == "missing_target":
        leader["actions"].append({"action": "forward", "to": None, "roles": []})
    elif change == "unknown_target":
        leader["actions"].append({"action": "return", "to": "khong_co", "roles": []})
    elif change == "unexpected_target":
        specialist["actions"][1]["to"] = RECEPTION
    elif change == "self_target":
        leader["actions"].append({"action": "forward", "to": LEADER, "roles": []})
    elif change == "return_not_backward":
        specialist["actions"][3]["to"] = RESULT
    elif change == "unreachable_step":
        specialist["name"] = "Thẩm định"
        reception["actions"][0]["to"] = LEADER
        leader["actions"][1]["to"] = RECEPTION
    elif change == "no_final_step":
        result["final"] = False
    elif change == "dead_end_step":
        d["steps"].insert(
            2, {"key": "xac_minh", "name": "Xác minh", "role": "specialist", "hours": "0"}
        )
        specialist["actions"].append({"action": "forward", "to": "xac_minh", "roles": []})
    elif change == "hours_mismatch":
        specialist["hours"] = "14"
    return d


S, L, R = "«Thẩm định hồ sơ»", "«Lãnh đạo phê duyệt»", "«Trả kết quả»"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            "not_an_object",
            [("not_an_object", "Định nghĩa quy trình phải là một đối tượng JSON.", None)],
        ),
        ("missing_field", [("missing_field", "Thiếu trường «steps[0].role».", None)]),
        (
            "unknown_field",
            [
                (
                    "unknown_field",
                    "Trường «steps[0].colour» không có trong định dạng quy trình.",
                    None,
                )
            ],
        ),
        ("invalid_format", [("invalid_format", "Giá trị của «steps[0].role» không hợp lệ.", None)]),
        (
            "no_steps",
            [
                ("no_steps", "Quy trình phải có ít nhất một bước.", None),
                (
                    "hours_mismatch",
                    "Tổng thời gian các bước là 0 giờ, khác thời hạn giải quyết "
                    "của thủ tục là 22,5 giờ làm việc.",
                    None,
                ),
            ],
        ),
        (
            "invalid_key",
            [
                (
                    "invalid_key",
                    "Bước «Tiếp nhận hồ sơ»: mã bước chỉ gồm chữ thường không dấu, chữ số "
                    "và dấu gạch dưới.",
                    "Tiếp-nhận",
                )
            ],
        ),
        (
            "duplicate_key",
            [
                ("duplicate_key", f"Mã bước «{SPECIALIST}» bị dùng cho nhiều bước.", SPECIALIST),
                (
                    "unknown_target",
                    f"Bước {L}: thao tác «Phê duyệt» trỏ tới bước «{RESULT}» không có "
                    "trong quy trình.",
                    LEADER,
                ),
            ],
        ),
        (
            "invalid_hours",
            [
                (
                    "invalid_hours",
                    f"Bước {R}: thời gian phải là số giờ không âm, tối đa hai chữ số thập phân.",
                    RESULT,
                )
            ],
        ),
        (
            "unknown_unit",
            [("unknown_unit", f"Bước {S}: không có đơn vị mã số 999999.", SPECIALIST)],
        ),
        (
            "inactive_unit",
            [
                (
                    "inactive_unit",
                    f"Bước {S}: đơn vị «Phường Tân Ninh» đã ngừng hoạt động.",
                    SPECIALIST,
                )
            ],
        ),
        (
            "unit_outside_province",
            [
                (
                    "unit_outside_province",
                    f"Bước {S}: đơn vị «Tỉnh Đồng Nai» không thuộc tỉnh của cơ quan giải quyết.",
                    SPECIALIST,
                )
            ],
        ),
        (
            "final_step_has_actions",
            [
                (
                    "final_step_has_actions",
                    f"Bước kết thúc {R} không được có thao tác chuyển đi.",
                    RESULT,
                )
            ],
        ),
        (
            "duplicate_action",
            [("duplicate_action", f"Bước {S}: thao tác «Yêu cầu bổ sung» bị lặp lại.", SPECIALIST)],
        ),
        (
            "missing_target",
            [
                (
                    "missing_target",
                    f"Bước {L}: thao tác «Chuyển xử lý» phải có bước đích («to»).",
                    LEADER,
                )
            ],
        ),
        (
            "unknown_target",
            [
                (
                    "unknown_target",
                    f"Bước {L}: thao tác «Trả lại bước trước» trỏ tới bước «khong_co» không có "
                    "trong quy trình.",
                    LEADER,
                )
            ],
        ),
        (
            "unexpected_target",
            [
                (
                    "unexpected_target",
                    f"Bước {S}: thao tác «Yêu cầu bổ sung» không chuyển tới bước nào, hãy bỏ «to».",
                    SPECIALIST,
                )
            ],
        ),
        (
            "self_target",
            [
                (
                    "self_target",
                    f"Bước {L}: thao tác «Chuyển xử lý» không được trỏ về chính bước này.",
                    LEADER,
                )
            ],
        ),
        (
            "return_not_backward",
            [
                (
                    "return_not_backward",
                    f"Bước {S}: thao tác «Trả lại bước trước» chỉ được trả về một bước đứng trước.",
                    SPECIALIST,
                )
            ],
        ),
        (
            "unreachable_step",
            [("unreachable_step", "Bước «Thẩm định» không đến được từ bước đầu tiên.", SPECIALIST)],
        ),
        (
            "no_final_step",
            [("no_final_step", "Quy trình phải có ít nhất một bước kết thúc.", None)],
        ),
        (
            "dead_end_step",
            [
                (
                    "dead_end_step",
                    "Từ bước «Xác minh» không đi tới được bước kết thúc nào.",
                    "xac_minh",
                )
            ],
        ),
        (
            "hours_mismatch",
            [
                (
                    "hours_mismatch",
                    "Tổng thời gian các bước là 22,25 giờ, khác thời hạn giải quyết "
                    "của thủ tục là 22,5 giờ làm việc.",
                    None,
                )
            ],
        ),
    ],
)
def test_each_rule_refuses_its_broken_case(
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
    change: str,
    expected: list[tuple[str, str, str | None]],
) -> None:
    definition = _broken(standard, change, province)

    assert _problems(birth, province, definition) == expected


def test_valid_standard_definition_has_no_problems(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    assert validate_definition(birth, province.long_an, standard) == []


def test_procedure_without_processing_time_is_refused(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    Procedure.objects.filter(pk=birth.pk).update(processing_days=None)
    birth.refresh_from_db()

    assert validate_definition(birth, province.long_an, standard) == [
        ProcessProblem(
            "no_processing_time",
            "Thủ tục chưa có thời hạn giải quyết; hãy nhập thời hạn trước khi lập quy trình.",
        )
    ]


def test_step_a_dossier_went_through_cannot_be_removed(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )
    Dossier.objects.create(
        procedure=birth,
        process=process,
        receiving_unit=province.long_an_centre,
        agency=province.long_an,
        channel=Channel.DIRECT,
        applicant_name="Trần Văn An",
        tracking_secret="AB12CD34",
        current_step=process.steps.get(position=3),
    )
    shorter = copy.deepcopy(standard)
    shorter["steps"] = [s for s in shorter["steps"] if s["key"] != LEADER]
    _step(shorter, SPECIALIST)["actions"][0] = {"action": "approve", "to": RESULT, "roles": []}
    _step(shorter, SPECIALIST)["hours"] = "18.75"

    assert _problems(birth, province, shorter) == [
        ("step_in_use", "Bước «Lãnh đạo phê duyệt» đã có hồ sơ đi qua nên không thể xoá.", LEADER)
    ]


def test_allowance_text_in_days_or_hours() -> None:
    assert [allowance_text(Decimal(h)) for h in ("3.75", "22.5", "14.25", "0")] == [
        "0,5 ngày (3,75 giờ)",
        "3 ngày (22,5 giờ)",
        "14,25 giờ",
        "0 giờ",
    ]


def test_diagram_shows_every_step_and_escapes_names(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    definition = copy.deepcopy(standard)
    _step(definition, LEADER)["name"] = "Lãnh đạo <ký> & đóng dấu"
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=definition
    )

    svg = str(render_process_svg(process))

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    for text in (
        "1. Tiếp nhận hồ sơ",
        "2. Thẩm định hồ sơ",
        "3. Lãnh đạo &lt;ký&gt; &amp; đóng dấu",
        "4. Trả kết quả",
        "Thời gian: 0,5 ngày (3,75 giờ)",
        "<title>Yêu cầu bổ sung</title>",
        "<title>Từ chối</title>",
        "<title>Kết thúc</title>",
    ):
        assert text in svg
    assert "<ký>" not in svg
    assert svg.count('stroke-dasharray="6 4"') == 3  # two returns and the legend


def test_process_page_for_staff_of_the_agency(
    client: Client, birth: Procedure, province: Province, standard: dict[str, Any], cast: Cast
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )
    login(client, cast.specialist)

    response = client.get(f"/thu-tuc/quy-trinh/{process.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    for name in ("Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "Lãnh đạo phê duyệt", "Trả kết quả"):
        assert name in page


@pytest.mark.parametrize("who", ["outsider", "citizen"])
def test_process_page_is_not_found_for_outsiders(
    client: Client,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
    cast: Cast,
    who: str,
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )
    login(client, getattr(cast, who))

    response = client.get(f"/thu-tuc/quy-trinh/{process.pk}/")

    assert response.status_code == 404


def test_process_page_asks_anonymous_visitors_to_log_in(
    client: Client, birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )

    response = client.get(f"/thu-tuc/quy-trinh/{process.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next=/thu-tuc/quy-trinh/{process.pk}/"


def test_the_diagram_title_is_translated(
    birth: Procedure, province: Province, standard: dict[str, Any]
) -> None:
    process = save_process(
        actor=None, procedure=birth, agency=province.long_an, definition=standard
    )

    with translation.override("en"):
        english = str(render_process_svg(process))
    vietnamese = str(render_process_svg(process))

    assert f'-t">Process diagram: {process.name}</title>' in english
    assert f'-t">Sơ đồ quy trình: {process.name}</title>' in vietnamese
