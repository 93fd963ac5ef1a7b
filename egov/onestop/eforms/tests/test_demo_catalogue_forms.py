"""The ten demo forms: each renders, accepts a filled example, refuses a gap in Vietnamese,
and starts prefilled from the citizen's profile."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.http import QueryDict

from egov.conftest import Province
from egov.onestop.eforms import engine
from egov.onestop.eforms.demo_forms import DEMO_FORMS, load_demo_forms
from egov.onestop.eforms.engine import definition_for, parse, prefill, render, validate
from egov.onestop.eforms.fields import required_names
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.procedures.importers import load_demo_catalogue
from egov.onestop.procedures.models import Procedure

pytestmark = pytest.mark.django_db

REQUIRED = "Trường này là bắt buộc."
TODAY = datetime.date(2026, 12, 5)

REQUESTER = {
    "requester_name": "Trần Văn An",
    "requester_id_number": "072090001234",
    "requester_phone": "0912345678",
    "requester_address": "Số 12, đường 30/4, khu phố 1",
    "requester_unit": "{unit}",
}
CT01 = {
    "person_name": "Lê Thị Hồng Nhung",
    "person_birth_date": "14/02/1995",
    "person_sex": "nu",
    "person_id_number": "072195003456",
    "person_phone": "0987654321",
    "head_name": "Lê Văn Hùng",
    "head_relationship": "con",
    "head_id_number": "072065001122",
    "new_address": "Số 45, đường Cách Mạng Tháng Tám, khu phố 3",
    "new_unit": "{unit}",
    "basis": "nguoi_than",
    "owner_name": "Lê Văn Hùng",
    "owner_id_number": "072065001122",
    "owner_agrees": "1",
    "declaration": "1",
}
# A correctly filled example of each form, as its inputs post it (without "f_").
EXAMPLES: dict[str, dict[str, str]] = {
    "1.001193": {
        **REQUESTER,
        "relationship": "cha",
        "child_name": "Trần Gia Bảo",
        "child_sex": "nam",
        "child_birth_date": "02/11/2026",
        "child_birth_place": "Bệnh viện Đa khoa tỉnh Tây Ninh",
        "child_ethnicity": "Kinh",
        "child_nationality": "Việt Nam",
        "child_hometown": "Phường Long An, tỉnh Tây Ninh",
        "mother_name": "Nguyễn Thị Mai",
        "mother_birth_date": "15/06/1994",
        "mother_ethnicity": "Kinh",
        "mother_nationality": "Việt Nam",
        "mother_address": "Số 12, đường 30/4, khu phố 1, phường Long An",
        "copies": "1",
        "declaration": "1",
    },
    "1.000894": {
        "requester_name": "Nguyễn Thị Mai",
        "requester_id_number": "072194005678",
        "requester_phone": "0912345678",
        "requester_party": "nu",
        **{
            f"{side}_{what}": value
            for side, name, born, number in (
                ("bride", "Nguyễn Thị Mai", "15/06/1994", "072194005678"),
                ("groom", "Trần Văn An", "30/04/1990", "072090001234"),
            )
            for what, value in (
                ("name", name),
                ("birth_date", born),
                ("ethnicity", "Kinh"),
                ("nationality", "Việt Nam"),
                ("id_number", number),
                ("address", "Khu phố 1, phường Long An, tỉnh Tây Ninh"),
                ("marriage_number", "1"),
            )
        },
        "copies": "1",
        "declaration": "1",
    },
    "1.000656": {
        **REQUESTER,
        "relationship": "con",
        "deceased_name": "Trần Văn Bình",
        "deceased_sex": "nam",
        "deceased_birth_date": "12/03/1940",
        "deceased_ethnicity": "Kinh",
        "deceased_nationality": "Việt Nam",
        "deceased_address": "Khu phố 1, phường Long An, tỉnh Tây Ninh",
        "death_time": "14:30",
        "death_date": "20/11/2026",
        "death_place": "Tại nhà, khu phố 1, phường Long An",
        "death_cause": "Bệnh già",
        "notice_number": "125/GBT",
        "notice_issuer": "Trạm Y tế phường Long An",
        "copies": "2",
        "declaration": "1",
    },
    "2.000635": {
        **REQUESTER,
        "relationship": "Bản thân",
        "event": "khai_sinh",
        "subject_name": "Trần Văn An",
        "subject_birth_date": "30/04/1990",
        "registry_office": "Ủy ban nhân dân phường Long An",
        "registration_number": "215",
        "registration_date": "05/05/1990",
        "copies": "2",
        "declaration": "1",
    },
    "2.000815": {
        "requester_name": "Trần Văn An",
        "requester_id_number": "072090001234",
        "requester_phone": "0912345678",
        "document_name": "Bằng tốt nghiệp trung học phổ thông",
        "document_issuer": "Sở Giáo dục và Đào tạo tỉnh Tây Ninh",
        "pages": "1",
        "copies": "3",
        "delivery": "truc_tiep",
    },
    "1.004222": {**CT01, "previous_address": "Xã Hưng Điền, tỉnh Tây Ninh"},
    "1.004194": {
        **CT01,
        "permanent_address": "Xã Hưng Điền, tỉnh Tây Ninh",
        "start_date": "01/12/2026",
        "months": "12",
        "reason": "lao_dong",
    },
    "1.001612": {
        "business_name": "Hộ kinh doanh Minh Anh",
        "business_address": "Số 8, đường Trần Hưng Đạo, khu phố 2",
        "business_unit": "{unit}",
        "activity": "Bán lẻ lương thực, thực phẩm (4722)",
        "capital_vnd": "150000000",
        "workers": "3",
        "owner_name": "Trần Văn An",
        "owner_birth_date": "30/04/1990",
        "owner_sex": "nam",
        "owner_ethnicity": "Kinh",
        "owner_nationality": "Việt Nam",
        "owner_id_number": "072090001234",
        "owner_address": "Khu phố 1, phường Long An, tỉnh Tây Ninh",
        "owner_phone": "0912345678",
        "declaration": "1",
    },
    "1.013225": {
        **REQUESTER,
        "plot_number": "125",
        "map_sheet": "18",
        "plot_area": "120,5",
        "site_address": "Đường số 7, khu phố 4",
        "site_unit": "{unit}",
        "land_certificate": "DH 012345",
        "designer": "Tự thiết kế",
        "building_class": "cap_iv",
        "ground_area": "80",
        "floor_area": "160",
        "height": "8.5",
        "floors": "2",
        "months": "6",
        "declaration": "1",
    },
    "1.013831": {
        **REQUESTER,
        "certificate_serial": "DH 01234567",
        "certificate_date": "10/08/2015",
        "plot_number": "125",
        "map_sheet": "18",
        "plot_address": "Đường số 7, khu phố 4",
        "plot_unit": "{unit}",
        "plot_area": "120.5",
        "change": "chuyen_nhuong",
        "contract_date": "20/11/2026",
        "receiver_name": "Phạm Thị Thu",
        "receiver_id_number": "072196007788",
        "declaration": "1",
    },
}
PROFILE = {
    "full_name": "Trần Văn An",
    "date_of_birth": "1990-04-30",
    "id_number": "072090001234",
    "phone": "0912345678",
    "email": "an.tran@example.vn",
    "address": "Số 12, đường 30/4, khu phố 1",
}


@pytest.fixture
def forms(province: Province, monkeypatch: pytest.MonkeyPatch) -> dict[str, FormDefinition]:
    monkeypatch.setattr(engine, "_today", lambda: TODAY)
    load_demo_catalogue()
    load_demo_forms()
    found: dict[str, FormDefinition] = {}
    for code in DEMO_FORMS:
        definition = definition_for(Procedure.objects.get(code=code))
        assert definition is not None
        found[code] = definition
    return found


def _post(example: dict[str, str], province: Province, **changes: str) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in {**example, **changes}.items():
        query[f"f_{key}"] = value.replace("{unit}", str(province.long_an.pk))
    return query


def test_there_are_ten_forms_with_an_example_each() -> None:
    assert sorted(DEMO_FORMS) == sorted(EXAMPLES)
    assert len(DEMO_FORMS) == 10


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_the_form_renders_and_accepts_its_filled_example(
    code: str, forms: dict[str, FormDefinition], province: Province
) -> None:
    definition = forms[code]

    html = render(definition, {}, {})
    data = parse(definition, _post(EXAMPLES[code], province))

    assert html.startswith('<div class="eform">')
    assert html.count('<fieldset class="ef-section">') == len(definition.layout["sections"])
    assert validate(definition, data) == {}


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_every_required_field_left_out_is_named_in_vietnamese(
    code: str, forms: dict[str, FormDefinition], province: Province
) -> None:
    definition = forms[code]
    example = EXAMPLES[code]
    required = sorted(required_names(definition.schema) - {"declaration"})
    # Fields with a default are required too: the example fills them all.
    assert set(required) <= set(example)

    for name in required:
        data = parse(definition, _post(example, province, **{name: ""}))
        assert validate(definition, data) == {name: REQUIRED}, name


@pytest.mark.parametrize(
    ("code", "changes", "errors"),
    [
        (
            "1.000656",
            {"death_date": "06/12/2026"},
            {"death_date": "Ngày này không được sau ngày hôm nay."},
        ),
        (
            "1.000656",
            {"deceased_birth_date": "21/11/2026"},
            {"deceased_birth_date": "Ngày sinh phải trước ngày chết."},
        ),
        (
            "1.000656",
            {"death_time": "25:10"},
            {"death_time": "Giờ chết ghi dạng giờ:phút, ví dụ 14:30."},
        ),
        (
            "1.004194",
            {"months": "30"},
            {"months": "Mỗi lần đăng ký tạm trú tối đa 24 tháng."},
        ),
        (
            "1.004222",
            {"owner_id_number": ""},
            {"owner_id_number": REQUIRED},
        ),
        (
            "1.001612",
            {"business_name": "Tạp hóa Minh Anh"},
            {
                "business_name": "Tên hộ kinh doanh phải bắt đầu bằng “Hộ kinh doanh”, "
                "ví dụ: Hộ kinh doanh Minh Anh."
            },
        ),
        (
            "1.013225",
            {"height": "0"},
            {"height": "Giá trị phải lớn hơn 0."},
        ),
        (
            "1.013831",
            {"certificate_serial": "01234567", "certificate_date": "01/01/2027"},
            {
                "certificate_serial": "Số phát hành gồm hai chữ cái in hoa và 6 đến 8 chữ số.",
                "certificate_date": "Ngày này không được sau ngày hôm nay.",
            },
        ),
        (
            "2.000635",
            {"declaration": ""},
            {"declaration": "Vui lòng đánh dấu lời cam đoan trước khi nộp hồ sơ."},
        ),
    ],
)
def test_the_forms_own_rules_speak_vietnamese(
    code: str,
    changes: dict[str, str],
    errors: dict[str, str],
    forms: dict[str, FormDefinition],
    province: Province,
) -> None:
    definition = forms[code]

    data = parse(definition, _post(EXAMPLES[code], province, **changes))

    assert validate(definition, data) == errors


PREFILLED: dict[str, dict[str, Any]] = {
    "1.004222": {
        "person_name": "Trần Văn An",
        "person_birth_date": "1990-04-30",
        "person_id_number": "072090001234",
        "person_phone": "0912345678",
        "person_email": "an.tran@example.vn",
    },
    "1.001612": {
        "owner_name": "Trần Văn An",
        "owner_birth_date": "1990-04-30",
        "owner_id_number": "072090001234",
        "owner_address": "Số 12, đường 30/4, khu phố 1",
        "owner_phone": "0912345678",
        "owner_email": "an.tran@example.vn",
        "owner_ethnicity": "Kinh",
        "owner_nationality": "Việt Nam",
    },
    "1.000656": {
        "requester_name": "Trần Văn An",
        "requester_id_number": "072090001234",
        "requester_phone": "0912345678",
        "requester_email": "an.tran@example.vn",
        "requester_address": "Số 12, đường 30/4, khu phố 1",
        "deceased_ethnicity": "Kinh",
        "deceased_nationality": "Việt Nam",
        "copies": 1,
    },
}


@pytest.mark.parametrize("code", sorted(PREFILLED))
def test_the_form_starts_from_the_citizens_profile(
    code: str, forms: dict[str, FormDefinition]
) -> None:
    assert prefill(forms[code], PROFILE) == PREFILLED[code]


def test_every_form_names_the_citizen_from_the_profile(
    forms: dict[str, FormDefinition],
) -> None:
    for code, definition in forms.items():
        data = prefill(definition, PROFILE)
        assert "Trần Văn An" in data.values(), code
