from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser

from egov.conftest import Cast, Province
from egov.platform.citizens.models import CitizenProfile
from egov.platform.citizens.profile import profile_values


def test_values_of_a_citizen_with_a_profile(cast: Cast, province: Province) -> None:
    # Given the citizen with a date of birth and an address in Phường Long An
    CitizenProfile.objects.create(
        user=cast.citizen,
        date_of_birth=datetime.date(1990, 4, 30),
        address="12 đường Hùng Vương, khu phố 3",
        address_unit=province.long_an,
    )
    cast.citizen.phone = "0912345678"
    cast.citizen.email = "an@example.vn"
    cast.citizen.save()
    # When the values are read
    values = profile_values(cast.citizen)
    # Then every key is a string
    assert values == {
        "full_name": "Trần Văn An",
        "date_of_birth": "1990-04-30",
        "id_number": "072090001234",
        "address": "12 đường Hùng Vương, khu phố 3",
        "address_unit_id": str(province.long_an.pk),
        "phone": "0912345678",
        "email": "an@example.vn",
    }


def test_values_of_an_account_without_profile(cast: Cast) -> None:
    assert profile_values(cast.citizen) == {
        "full_name": "Trần Văn An",
        "date_of_birth": "",
        "id_number": "072090001234",
        "address": "",
        "address_unit_id": "",
        "phone": "",
        "email": "",
    }


def test_values_of_an_anonymous_visitor_are_empty() -> None:
    assert profile_values(AnonymousUser()) == dict.fromkeys(
        ["full_name", "date_of_birth", "id_number", "address", "address_unit_id", "phone", "email"],
        "",
    )
