from __future__ import annotations

import pytest

from egov.conftest import Province
from egov.onestop.eforms.engine import prefill, render
from egov.onestop.eforms.models import FormDefinition

pytestmark = pytest.mark.django_db


def test_fields_marked_x_prefill_take_the_profile_and_others_their_default(
    form: FormDefinition, province: Province
) -> None:
    # Given the citizen's profile as the accounts app provides it
    profile = {
        "full_name": "Trần Văn An",
        "date_of_birth": "1990-04-30",
        "id_number": "072090001234",
        "address": "Số 12, đường 30/4, khu phố 1",
        "address_unit_id": str(province.long_an.pk),
        "phone": "0912345678",
        "email": "",
        "unused": "x",
    }

    # When the form is prefilled
    data = prefill(form, profile)

    # Then each marked field has the profile's value in its JSON type
    assert data == {
        "full_name": "Trần Văn An",
        "id_number": "072090001234",
        "birth_date": "1990-04-30",
        "commune": province.long_an.pk,
        "address": "Số 12, đường 30/4, khu phố 1",
        "phone": "0912345678",
        "copies": 1,
    }
    # and the rendered form shows them
    html = render(form, data, {})
    assert 'name="f_full_name" value="Trần Văn An"' in html
    assert f'<option value="{province.long_an.pk}" selected>Phường Long An</option>' in html


def test_empty_profile_fills_only_defaults(form: FormDefinition) -> None:
    assert prefill(form, {}) == {"copies": 1}
