"""The process editor at /quan-tri-don-vi/quy-trinh/: steps edited as forms, saved as JSON.

A unit's administrator edits the processes of their subtree there (issue 19,
item 5); the Django admin is the platform operators' only.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.test import Client

from egov.conftest import Cast, Province, login, make_staff
from egov.onestop.procedures.models import Procedure, Process
from egov.onestop.procedures.process_editor import definition_data
from egov.onestop.procedures.processes import process_definition, save_process
from egov.onestop.procedures.tests.test_process_admin import birth as birth  # fixtures
from egov.onestop.procedures.tests.test_process_admin import standard as standard
from egov.onestop.quality.models import Edition
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent

HTMX = {"HX-Request": "true"}


@pytest.fixture
def process(birth: Procedure, province: Province, standard: dict[str, Any]) -> Process:
    return save_process(actor=None, procedure=birth, agency=province.long_an, definition=standard)


@pytest.fixture
def commune_admin(cast: Cast) -> User:
    """Long An's administrator: no staff flag, no Django admin."""
    return cast.admin


def _url(process: Process) -> str:
    return f"/quan-tri-don-vi/quy-trinh/{process.pk}/"


def _new_url(procedure: Procedure, agency_id: int) -> str:
    return f"/quan-tri-don-vi/quy-trinh/moi/?procedure={procedure.pk}&agency={agency_id}"


def _post_data(definition: dict[str, Any], op: str = "save") -> dict[str, Any]:
    data = definition_data(definition)
    return {**{key: data.getlist(key) for key in data}, "op": op}


def _events() -> int:
    return AuditEvent.objects.filter(event_type="procedures.process_saved").count()


def test_editor_is_prefilled_from_the_current_definition(
    client: Client, commune_admin: User, process: Process
) -> None:
    login(client, commune_admin)

    response = client.get(_url(process))

    assert response.status_code == 200
    forms = response.context["editor"].formset.forms
    assert [form["name"].value() for form in forms] == [
        "Tiếp nhận hồ sơ",
        "Thẩm định hồ sơ",
        "Lãnh đạo phê duyệt",
        "Trả kết quả",
    ]
    # 3 days of 7.5 hours: half a day in days, the rest in hours (not whole quarter days).
    assert [(f["allowance"].value(), f["allowance_unit"].value()) for f in forms] == [
        ("0,5", "days"),
        ("14,25", "hours"),
        ("4,5", "hours"),
        ("0", "hours"),
    ]
    assert forms[1]["forward_to"].value() == ["lanh_dao_phe_duyet"]
    assert forms[1]["return_to"].value() == ["tiep_nhan_ho_so"]
    assert forms[1]["supplement"].value() is True
    # The organisation tree of the province, indented, under "the receiving centre".
    assert [label for _value, label in forms[1].fields["unit"].choices] == [
        "Trung tâm đã tiếp nhận hồ sơ",
        "Tỉnh Tây Ninh",
        "\u2003Phường Long An",
        "\u2003\u2003Trung tâm Phục vụ hành chính công phường Long An",
        "\u2003Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
        "\u2003Sở Tư pháp",
        "\u2003Phường Tân Ninh",
    ]
    page = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "4. Trả kết quả" in page
    assert f'href="/thu-tuc/quy-trinh/{process.pk}/"' in page
    assert "Sửa dạng JSON (nâng cao)" not in page
    assert response.context["editor"].is_valid


def test_adding_a_step_redraws_the_diagram_without_saving(
    client: Client, commune_admin: User, process: Process, standard: dict[str, Any]
) -> None:
    login(client, commune_admin)
    before = _events()

    response = client.post(_url(process), _post_data(standard, op="add"), headers=HTMX)

    assert response.status_code == 200
    assert response.templates[0].name == "procedures/process_editor_body.html"
    assert len(response.context["editor"].formset.forms) == 5
    page = response.content.decode()
    assert "<html" not in page
    assert page.count('<fieldset class="module editor-step"') == 5
    # The blank step is not drawn until it has a name; the total time is checked.
    assert "Tổng thời gian các bước là" not in page
    assert "Bước 5" in page
    assert process_definition(process) == standard
    assert _events() == before


def test_a_named_new_step_appears_in_the_diagram_and_as_a_target(
    client: Client, commune_admin: User, process: Process, standard: dict[str, Any]
) -> None:
    data = _post_data(standard, op="")
    data.update(
        {
            "steps-TOTAL_FORMS": "5",
            "steps-4-name": "Lưu trữ hồ sơ",
            "steps-4-role": "clerk",
            "steps-4-allowance": "0",
            "steps-4-allowance_unit": "hours",
        }
    )
    login(client, commune_admin)

    response = client.post(_url(process), data, headers=HTMX)

    assert response.status_code == 200
    editor = response.context["editor"]
    assert editor.formset.forms[4]["key"].value() == "luu_tru_ho_so"
    assert ("luu_tru_ho_so", "5. Lưu trữ hồ sơ") in editor.formset.forms[0].fields[
        "forward_to"
    ].choices
    assert "5. Lưu trữ hồ sơ" in str(response.context["diagram"])
    # Not reachable from the first step: the validator's message, at that step.
    assert editor.formset.forms[4].non_field_errors() == [
        "Bước «Lưu trữ hồ sơ» không đến được từ bước đầu tiên.",
        "Từ bước «Lưu trữ hồ sơ» không đi tới được bước kết thúc nào.",
    ]
    assert process_definition(process) == standard


def test_administrator_saves_an_added_step_as_the_same_json_with_an_audit_event(
    client: Client, commune_admin: User, process: Process, standard: dict[str, Any]
) -> None:
    changed = copy.deepcopy(standard)
    changed["steps"][2]["actions"][0]["to"] = "vao_so"
    changed["steps"].insert(
        3,
        {
            "key": "vao_so",
            "name": "Vào sổ, đóng dấu",
            "unit": None,
            "role": "clerk",
            "hours": "1.5",
            "final": False,
            "external_agency": None,
            "actions": [{"action": "forward", "to": "tra_ket_qua", "roles": []}],
        },
    )
    changed["steps"][1]["hours"] = "12.75"
    login(client, commune_admin)

    response = client.post(_url(process), _post_data(changed))

    assert response.status_code == 302
    assert response["Location"] == _url(process)
    stored = process_definition(process)
    assert stored == changed
    event = AuditEvent.objects.filter(event_type="procedures.process_saved").latest("id")
    assert (event.actor, event.details["created"]) == (commune_admin, False)
    assert event.details["definition"] == stored


def test_problems_are_shown_at_their_field_and_nothing_is_saved(
    client: Client, commune_admin: User, process: Process, standard: dict[str, Any]
) -> None:
    data = _post_data(standard)
    data["steps-1-allowance"] = "13,125"  # not a whole hundredth of an hour
    data["steps-1-allowance_unit"] = "hours"
    login(client, commune_admin)
    before = _events()

    response = client.post(_url(process), data)

    assert response.status_code == 400
    editor = response.context["editor"]
    assert editor.formset.forms[1].errors["allowance"] == [
        "Bước «Thẩm định hồ sơ»: thời gian phải là số giờ không âm, tối đa hai chữ số thập phân."
    ]
    assert editor.formset.non_form_errors() == [
        "Tổng thời gian các bước là 21,38 giờ, khác thời hạn giải quyết "
        "của thủ tục là 22,5 giờ làm việc."
    ]
    assert process_definition(process) == standard
    assert _events() == before


def test_new_process_is_prefilled_with_the_four_standard_steps_and_saved(
    client: Client,
    commune_admin: User,
    birth: Procedure,
    province: Province,
    standard: dict[str, Any],
) -> None:
    login(client, commune_admin)
    url = _new_url(birth, province.long_an.pk)

    page = client.get(url)
    response = client.post(url, _post_data(standard))

    assert page.status_code == 200
    assert [f["name"].value() for f in page.context["editor"].formset.forms] == [
        "Tiếp nhận hồ sơ",
        "Thẩm định hồ sơ",
        "Lãnh đạo phê duyệt",
        "Trả kết quả",
    ]
    assert response.status_code == 302
    process = Process.objects.get()
    assert process_definition(process) == standard
    assert AuditEvent.objects.get(event_type="procedures.process_saved").actor == commune_admin


def _state() -> tuple[object, ...]:
    """Every process, every audit event and every quality edition, as they stand."""
    processes = list(Process.objects.order_by("pk").values())
    events = list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True))
    editions = list(Edition.objects.order_by("pk").values_list("number", "fingerprint"))
    return processes, events, editions


@pytest.mark.parametrize("who", ["specialist", "other_admin"])
def test_others_can_neither_open_nor_post_the_editor(
    client: Client,
    cast: Cast,
    province: Province,
    birth: Procedure,
    process: Process,
    standard: dict[str, Any],
    who: str,
) -> None:
    if who == "specialist":
        user = cast.specialist  # of Long An, but not its administrator: administers nothing
        created_status = 404
    else:
        user = make_staff("quantri_tn", "Trần Văn Bình", (province.tan_ninh, Role.ADMINISTRATOR))
        created_status = 400  # Long An is not among the agencies they may choose
    changed = copy.deepcopy(standard)
    changed["name"] = "Quy trình đã bị sửa"
    login(client, user)
    before = _state()

    opened = client.get(_url(process))
    posted = client.post(_url(process), _post_data(changed))
    previewed = client.post(_url(process), _post_data(changed, op="add"), headers=HTMX)
    created = client.post(_new_url(birth, province.long_an.pk), _post_data(changed))
    listed = client.get("/quan-tri-don-vi/quy-trinh/")

    assert (opened.status_code, posted.status_code, previewed.status_code) == (404, 404, 404)
    assert created.status_code == created_status
    if who == "specialist":
        assert listed.status_code == 404
    else:
        assert (listed.status_code, listed.context["processes"]) == (200, [])
    assert process_definition(process) == standard
    assert _state() == before


def test_anonymous_visitor_is_sent_to_the_login_page(
    client: Client, birth: Procedure, province: Province, process: Process
) -> None:
    before = _state()

    responses = [
        client.get(_url(process)),
        client.post(_url(process), {"op": "save"}),
        client.get("/quan-tri-don-vi/quy-trinh/"),
        client.post(_new_url(birth, province.long_an.pk), {"op": "save"}),
    ]

    assert [r.status_code for r in responses] == [302, 302, 302, 302]
    assert all(r["Location"].startswith("/dang-nhap/?next=") for r in responses)
    assert _state() == before


def test_list_shows_the_processes_of_the_administered_agencies_only(
    client: Client,
    commune_admin: User,
    birth: Procedure,
    province: Province,
    process: Process,
    standard: dict[str, Any],
) -> None:
    # given a process of Tân Ninh beside Long An's
    other = copy.deepcopy(standard)
    save_process(actor=None, procedure=birth, agency=province.tan_ninh, definition=other)
    login(client, commune_admin)

    response = client.get("/quan-tri-don-vi/quy-trinh/")

    assert response.status_code == 200
    assert response.context["processes"] == [process]
    page = response.content.decode()
    assert f'href="{_url(process)}"' in page
    assert "Phường Tân Ninh</td>" not in page
    # Long An's administrator chooses among Long An and its service centre, nothing else.
    agencies = response.context["choose"].fields["agency"].queryset
    assert [u.name for u in agencies] == [
        "Phường Long An",
        "Trung tâm Phục vụ hành chính công phường Long An",
    ]


def test_the_overview_links_to_the_processes(client: Client, commune_admin: User) -> None:
    login(client, commune_admin)

    page = client.get("/quan-tri-don-vi/").content.decode()

    assert '<a href="/quan-tri-don-vi/quy-trinh/">Quy trình nội bộ</a>' in page


def test_a_saved_change_proposes_the_next_edition_of_the_quality_procedure(
    client: Client, commune_admin: User, process: Process, standard: dict[str, Any]
) -> None:
    # given the first edition of the quality procedure, approved
    first = Edition.objects.get(document__procedure=process.procedure)
    Edition.objects.filter(pk=first.pk).update(status="approved")
    changed = copy.deepcopy(standard)
    changed["steps"][1]["name"] = "Thẩm định, xác minh hồ sơ"
    login(client, commune_admin)

    response = client.post(_url(process), _post_data(changed))

    assert response.status_code == 302
    editions = list(
        Edition.objects.filter(document=first.document)
        .order_by("number")
        .values_list("number", "status", "drafted_by")
    )
    assert editions == [(1, "approved", None), (2, "draft", commune_admin.pk)]


def test_new_process_asks_for_the_procedure_and_an_administered_agency(
    client: Client, commune_admin: User, birth: Procedure, province: Province
) -> None:
    login(client, commune_admin)

    response = client.get("/quan-tri-don-vi/quy-trinh/moi/")
    refused = client.get(_new_url(birth, province.tan_ninh.pk))

    assert response.status_code == 200
    choose = response.context["choose"]
    assert list(choose.fields["procedure"].queryset) == [birth]
    assert [u.name for u in choose.fields["agency"].queryset] == [
        "Phường Long An",
        "Trung tâm Phục vụ hành chính công phường Long An",
    ]
    assert refused.status_code == 400
    assert refused.context["choose"].errors == {"agency": ["Lựa chọn không có trong danh sách."]}
    assert Process.objects.count() == 0


def test_a_new_process_for_an_existing_one_opens_it(
    client: Client, commune_admin: User, birth: Procedure, province: Province, process: Process
) -> None:
    login(client, commune_admin)

    response = client.get(_new_url(birth, province.long_an.pk))

    assert (response.status_code, response["Location"]) == (302, _url(process))


def test_the_json_form_stays_for_platform_operators_and_links_to_the_editor(
    client: Client, superuser: User, birth: Procedure, province: Province, process: Process
) -> None:
    login(client, superuser)

    listing = client.get("/admin/procedures/process/").content.decode()
    change = client.get(f"/admin/procedures/process/{process.pk}/change/").content.decode()
    editor = client.get(_url(process))

    assert f'href="{_url(process)}"' in listing
    assert 'href="/quan-tri-don-vi/quy-trinh/moi/"' in listing
    assert f'href="{_url(process)}" id="editor-link"' in change
    assert editor.status_code == 200


def test_the_django_admin_is_closed_to_a_unit_administrator_with_the_staff_flag(
    client: Client,
    commune_admin: User,
    birth: Procedure,
    process: Process,
    standard: dict[str, Any],
) -> None:
    # given the staff flag the old path gave unit administrators
    User.objects.filter(pk=commune_admin.pk).update(is_staff=True)
    changed = copy.deepcopy(standard)
    changed["name"] = "Quy trình đã bị sửa"
    login(client, commune_admin)
    before = _state()

    listing = client.get("/admin/procedures/process/")
    posted = client.post(
        f"/admin/procedures/process/{process.pk}/change/",
        {"definition": json.dumps(changed, ensure_ascii=False)},
    )

    assert (listing.status_code, posted.status_code) == (302, 302)
    assert listing["Location"].startswith("/admin/login/")
    assert process_definition(process) == standard
    assert _state() == before
