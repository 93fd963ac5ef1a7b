from __future__ import annotations

import datetime
import re

import pytest
from django.utils import translation

from egov.conftest import Province
from egov.onestop.eforms import engine
from egov.onestop.eforms.checks import schema_problems
from egov.onestop.eforms.engine import validate
from egov.onestop.eforms.models import FormDefinition

pytestmark = pytest.mark.django_db

REQUIRED = "Trường này là bắt buộc."
BAD_DATE = "Ngày không hợp lệ. Vui lòng nhập ngày có thật, dạng ngày/tháng/năm."
# Words of jsonschema's own (English) messages; none may reach a citizen.
ENGLISH = re.compile(
    r"\b(is|not|required|property|match|valid|less|greater|than|expected|should|"
    r"one|of|too|short|long|format)\b",
    re.IGNORECASE,
)


@pytest.fixture
def valid(province: Province) -> dict[str, object]:
    return {
        "full_name": "Trần Văn An",
        "id_number": "072090001234",
        "passport": "B1234567",
        "birth_date": "2020-02-29",
        "sex": "nam",
        "ethnicity": "Kinh",
        "commune": province.long_an.pk,
        "email": "an.tran@example.vn",
        "copies": 1,
        "weight": 3.2,
        "note": "",
        "languages": ["vi"],
        "agree": True,
    }


def test_valid_data_has_no_errors(form: FormDefinition, valid: dict[str, object]) -> None:
    assert validate(form, valid) == {}


def test_missing_required_fields(form: FormDefinition) -> None:
    assert validate(form, {"agree": True}) == {
        "full_name": REQUIRED,
        "id_number": REQUIRED,
        "birth_date": REQUIRED,
        "sex": REQUIRED,
        "commune": REQUIRED,
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "07209000123", "Số định danh cá nhân gồm đúng 12 chữ số."),
        ("id_number", "0720900012345", "Số định danh cá nhân gồm đúng 12 chữ số."),
        ("id_number", "07209000123a", "Số định danh cá nhân gồm đúng 12 chữ số."),
        ("passport", "b1234567", "Giá trị không đúng định dạng."),
        ("full_name", "A", "Cần nhập ít nhất 2 ký tự."),
        ("note", "x" * 21, "Chỉ được nhập tối đa 20 ký tự."),
        ("birth_date", "2026-02-30", BAD_DATE),
        ("birth_date", "2025-13-01", BAD_DATE),
        ("birth_date", "31/01/2020", BAD_DATE),
        ("email", "an.tran@", "Địa chỉ thư điện tử không hợp lệ."),
        ("copies", 0, "Giá trị nhỏ nhất là 1."),
        ("copies", 11, "Giá trị lớn nhất là 10."),
        ("copies", "hai", "Vui lòng nhập một số nguyên."),
        ("weight", 0, "Giá trị phải lớn hơn 0."),
        ("weight", "3kg", "Vui lòng nhập một số."),
        ("sex", "khac", "Vui lòng chọn một giá trị trong danh sách."),
        ("languages", ["fr"], "Vui lòng chọn một giá trị trong danh sách."),
        ("languages", [], "Vui lòng chọn ít nhất 1 mục."),
        ("agree", False, "Vui lòng đánh dấu lời cam đoan."),
    ],
)
def test_each_kind_of_error_has_its_vietnamese_message(
    form: FormDefinition, valid: dict[str, object], field: str, value: object, message: str
) -> None:
    # Given otherwise valid data with one wrong value
    data = {**valid, field: value}

    # When it is validated
    errors = validate(form, data)

    # Then exactly that field is reported, in Vietnamese
    assert errors == {field: message}
    assert ENGLISH.search(message) is None


def test_commune_must_be_an_active_commune_of_the_tree(
    form: FormDefinition, valid: dict[str, object], province: Province
) -> None:
    message = "Vui lòng chọn xã, phường, đặc khu trong danh sách."

    centre = validate(form, {**valid, "commune": province.long_an_centre.pk})
    unknown = validate(form, {**valid, "commune": 999_999})

    assert centre == {"commune": message}
    assert unknown == {"commune": message}


def test_one_message_per_field_the_most_basic_first(
    form: FormDefinition, valid: dict[str, object]
) -> None:
    # 0.5 is neither an integer nor at least 1: the wrong type is what is reported.
    errors = validate(form, {**valid, "full_name": 5, "copies": 0.5})

    assert errors == {
        "full_name": "Giá trị không hợp lệ.",
        "copies": "Vui lòng nhập một số nguyên.",
    }


def test_messages_stay_vietnamese_whatever_jsonschema_says(form: FormDefinition) -> None:
    # Given data wrong in every way at once, with the UI in Vietnamese
    data: dict[str, object] = {
        "full_name": "A",
        "id_number": "12",
        "passport": "x",
        "birth_date": "2026-02-30",
        "sex": "x",
        "ethnicity": "Mỹ",
        "commune": "x",
        "email": "x",
        "copies": 99,
        "weight": -1,
        "note": "x" * 30,
        "languages": ["x"],
        "agree": False,
    }

    with translation.override("vi"):
        errors = validate(form, data)

    assert len(errors) == 13
    assert [m for m in errors.values() if ENGLISH.search(m)] == []


DATES_SCHEMA: dict[str, object] = {
    "type": "object",
    "properties": {
        "child": {"type": "string", "format": "date", "title": "Ngày sinh của con"},
        "mother": {
            "type": "string",
            "format": "date",
            "title": "Ngày sinh của mẹ",
            "x-not-future": True,
            "x-before": "child",
        },
        "signed": {"type": "string", "format": "date", "title": "Ngày ký"},
    },
}
DATES_FORM = FormDefinition(
    schema=DATES_SCHEMA, layout={"sections": [{"title": "A", "fields": ["child", "mother"]}]}
)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    fixed = datetime.date(2026, 12, 5)
    monkeypatch.setattr(engine, "_today", lambda: fixed)
    return fixed


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"child": "2026-11-02", "mother": "1994-06-15"}, {}),
        ({"mother": "2026-12-05"}, {}),
        ({"mother": "2026-12-06"}, {"mother": "Ngày này không được sau ngày hôm nay."}),
        (
            {"child": "2026-11-02", "mother": "2026-11-02"},
            {"mother": "Ngày này phải trước “Ngày sinh của con”."},
        ),
        # An invalid date is reported as such, never compared.
        ({"child": "2026-02-30", "mother": "2026-11-02"}, {"child": BAD_DATE}),
        # A date without the rules may be anything valid.
        ({"signed": "2030-01-01"}, {}),
    ],
)
def test_date_rules_not_future_and_before(
    today: datetime.date, data: dict[str, object], errors: dict[str, str]
) -> None:
    assert validate(DATES_FORM, data) == errors


def test_date_rules_are_checked_when_the_definition_is_saved() -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "string", "format": "date", "x-not-future": "yes", "x-before": "b"},
            "b": {"type": "string", "title": "B"},
        },
    }

    assert schema_problems(schema) == [
        "Trường “a”: x-not-future phải là true hoặc false.",
        "Trường “a”: x-before phải là tên một trường ngày khác của biểu mẫu.",
    ]
