from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict

from egov.conftest import Province
from egov.onestop.eforms import engine
from egov.onestop.eforms.demo_forms import DEMO_FORMS, ETHNIC_GROUPS, load_demo_forms
from egov.onestop.eforms.engine import definition_for, parse, prefill, render, validate
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.procedures.importers import load_demo_catalogue
from egov.onestop.procedures.models import Procedure
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

REQUIRED = "Trường này là bắt buộc."


@pytest.fixture
def birth(province: Province) -> FormDefinition:
    load_demo_catalogue()
    load_demo_forms()
    definition = definition_for(Procedure.objects.get(code="1.001193"))
    assert definition is not None
    return definition


def birth_post(province: Province, **changes: str) -> QueryDict:
    values = {
        "f_requester_name": "Trần Văn An",
        "f_requester_id_number": "072090001234",
        "f_requester_phone": "0912345678",
        "f_requester_email": "",
        "f_requester_address": "Số 12, đường 30/4, khu phố 1",
        "f_requester_unit": str(province.long_an.pk),
        "f_relationship": "cha",
        "f_child_name": "Trần Gia Bảo",
        "f_child_sex": "nam",
        "f_child_birth_date": "2026-11-02",
        "f_child_birth_place": "Bệnh viện Đa khoa tỉnh Tây Ninh",
        "f_child_ethnicity": "Kinh",
        "f_child_nationality": "Việt Nam",
        "f_child_hometown": "Phường Long An, tỉnh Tây Ninh",
        "f_mother_name": "Nguyễn Thị Mai",
        "f_mother_birth_date": "1994-06-15",
        "f_mother_ethnicity": "Kinh",
        "f_mother_nationality": "Việt Nam",
        "f_mother_id_number": "072194005678",
        "f_mother_address": "Số 12, đường 30/4, khu phố 1, phường Long An",
        "f_father_name": "Trần Văn An",
        "f_father_birth_date": "1990-04-30",
        "f_father_ethnicity": "Kinh",
        "f_father_nationality": "Việt Nam",
        "f_copies": "2",
        "f_declaration": "1",
        **changes,
    }
    query = QueryDict(mutable=True)
    for key, value in values.items():
        query[key] = value
    return query


def test_demo_forms_load_once_for_the_procedures_present(province: Province) -> None:
    load_demo_catalogue()

    first = load_demo_forms()
    events = AuditEvent.objects.count()
    second = load_demo_forms()

    assert (first, second) == (10, 0)
    assert AuditEvent.objects.count() == events
    assert sorted(FormDefinition.objects.values_list("procedure__code", "version")) == [
        ("1.000656", 1),
        ("1.000894", 1),
        ("1.001193", 1),
        ("1.001612", 1),
        ("1.004194", 1),
        ("1.004222", 1),
        ("1.013225", 1),
        ("1.013831", 1),
        ("2.000635", 1),
        ("2.000815", 1),
    ]
    assert len(ETHNIC_GROUPS) == len(set(ETHNIC_GROUPS)) == 54


def test_demo_forms_skip_missing_procedures(db: None) -> None:
    assert load_demo_forms() == 0
    assert FormDefinition.objects.count() == 0


def test_birth_registration_round_trip(birth: FormDefinition, province: Province) -> None:
    # Given the citizen's profile, the form starts prefilled
    data = prefill(
        birth,
        {
            "full_name": "Trần Văn An",
            "id_number": "072090001234",
            "phone": "0912345678",
            "address": "Số 12, đường 30/4, khu phố 1",
            "address_unit_id": str(province.long_an.pk),
        },
    )
    assert data == {
        "requester_name": "Trần Văn An",
        "requester_id_number": "072090001234",
        "requester_phone": "0912345678",
        "requester_address": "Số 12, đường 30/4, khu phố 1",
        "requester_unit": province.long_an.pk,
        "child_ethnicity": "Kinh",
        "child_nationality": "Việt Nam",
        "mother_ethnicity": "Kinh",
        "mother_nationality": "Việt Nam",
        "copies": 1,
    }
    html = render(birth, data, {})
    assert html.count('<fieldset class="ef-section">') == 5
    assert '<option value="Kinh" selected>Kinh</option>' in html

    # When the filled form is submitted, it parses to valid JSON data
    submitted = parse(birth, birth_post(province))
    assert validate(birth, submitted) == {}
    assert (submitted["copies"], submitted["declaration"]) == (2, True)


def test_birth_registration_messages(birth: FormDefinition, province: Province) -> None:
    # A named father needs his particulars; the declaration must be ticked.
    submitted = parse(
        birth,
        birth_post(
            province,
            f_father_birth_date="",
            f_requester_id_number="07209000123",
            f_child_birth_date="2026-02-30",
            f_declaration="",
        ),
    )

    assert validate(birth, submitted) == {
        "requester_id_number": "Số định danh cá nhân gồm đúng 12 chữ số.",
        "child_birth_date": "Ngày không hợp lệ. Vui lòng nhập ngày có thật, dạng ngày/tháng/năm.",
        "father_birth_date": REQUIRED,
        "declaration": "Vui lòng đánh dấu lời cam đoan trước khi nộp hồ sơ.",
    }


def test_an_unknown_father_may_be_left_blank(birth: FormDefinition, province: Province) -> None:
    blank = {f"f_father_{what}": "" for what in ("name", "birth_date", "ethnicity", "nationality")}

    assert validate(birth, parse(birth, birth_post(province, **blank))) == {}


def test_every_demo_form_renders(province: Province) -> None:
    load_demo_catalogue()
    load_demo_forms()

    for code in DEMO_FORMS:
        definition = definition_for(Procedure.objects.get(code=code))
        assert definition is not None
        assert render(definition, {}, {}).startswith('<div class="eform">')


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    today = datetime.date(2026, 12, 5)
    monkeypatch.setattr(engine, "_today", lambda: today)
    return today


def test_birth_dates_in_the_future_are_refused(
    birth: FormDefinition, province: Province, fixed_today: datetime.date
) -> None:
    submitted = parse(
        birth,
        birth_post(province, f_child_birth_date="06/12/2026", f_mother_birth_date="2027-01-01"),
    )

    assert validate(birth, submitted) == {
        "child_birth_date": "Ngày này không được sau ngày hôm nay.",
        "mother_birth_date": "Ngày này không được sau ngày hôm nay.",
    }


def test_a_birth_date_of_today_is_accepted(
    birth: FormDefinition, province: Province, fixed_today: datetime.date
) -> None:
    submitted = parse(birth, birth_post(province, f_child_birth_date="05/12/2026"))

    assert submitted["child_birth_date"] == "2026-12-05"
    assert validate(birth, submitted) == {}


def test_parents_born_after_the_child_are_refused(
    birth: FormDefinition, province: Province, fixed_today: datetime.date
) -> None:
    submitted = parse(
        birth,
        birth_post(
            province,
            f_child_birth_date="02/11/2026",
            f_mother_birth_date="02/11/2026",
            f_father_birth_date="15/11/2026",
        ),
    )

    assert validate(birth, submitted) == {
        "mother_birth_date": "Ngày sinh của mẹ phải trước ngày sinh của con.",
        "father_birth_date": "Ngày sinh của cha phải trước ngày sinh của con.",
    }


def test_vietnamese_dates_are_accepted(
    birth: FormDefinition, province: Province, fixed_today: datetime.date
) -> None:
    submitted = parse(
        birth,
        birth_post(
            province,
            f_child_birth_date="2/11/2026",
            f_mother_birth_date="15/06/1994",
            f_father_birth_date="30.04.1990",
        ),
    )

    assert (
        submitted["child_birth_date"],
        submitted["mother_birth_date"],
        submitted["father_birth_date"],
    ) == ("2026-11-02", "1994-06-15", "1990-04-30")
    assert validate(birth, submitted) == {}
