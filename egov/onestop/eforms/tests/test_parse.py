from __future__ import annotations

import pytest
from django.http import QueryDict

from egov.onestop.eforms.engine import parse
from egov.onestop.eforms.models import FormDefinition

pytestmark = pytest.mark.django_db


def post(**values: str | list[str]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in values.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


def test_submitted_strings_become_json_types(form: FormDefinition) -> None:
    # Given a submitted form (with other inputs of the page around it)
    submitted = post(
        csrfmiddlewaretoken="x",
        full_name="  Trần Văn An ",
        id_number="072090001234",
        birth_date="2020-01-31",
        sex="nam",
        f_full_name="  Trần Văn An ",
        f_id_number="072090001234",
        f_birth_date="2020-01-31",
        f_sex="nu",
        f_commune="27",
        f_copies=" 2 ",
        f_weight="3,25",
        f_note="",
        f_languages=["vi", "", "en"],
        f_agree="1",
    )

    # When it is parsed
    data = parse(form, submitted)

    # Then only the prefixed fields count, trimmed, typed, blanks left out
    assert data == {
        "full_name": "Trần Văn An",
        "id_number": "072090001234",
        "birth_date": "2020-01-31",
        "sex": "nu",
        "commune": 27,
        "copies": 2,
        "weight": 3.25,
        "languages": ["vi", "en"],
        "agree": True,
    }


def test_unticked_box_is_false_and_dates_typed_by_hand_are_iso(form: FormDefinition) -> None:
    data = parse(form, post(f_birth_date="5/9/2019", f_weight="4"))

    assert data == {"birth_date": "2019-09-05", "weight": 4, "agree": False}


def test_values_that_are_not_numbers_stay_strings_for_validation(form: FormDefinition) -> None:
    data = parse(form, post(f_copies="hai", f_weight="3kg", f_commune="1.5"))

    assert data == {"copies": "hai", "weight": "3kg", "commune": "1.5", "agree": False}
