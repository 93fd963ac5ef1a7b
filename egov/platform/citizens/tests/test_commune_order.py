"""The address select lists communes in Vietnamese alphabetical order."""

from __future__ import annotations

from egov.conftest import Province
from egov.platform.citizens.forms import CommuneChoiceField, ProfileForm
from egov.platform.organisation.models import UnitKind
from egov.platform.organisation.services import create_unit


def test_the_commune_select_puts_d_before_dd(province: Province) -> None:
    for name in ["Xã Đức Thạnh", "Xã Dương Minh Châu", "Xã Ea Súp"]:
        create_unit(actor=None, name=name, kind=UnitKind.COMMUNE, parent=province.province)
    field = ProfileForm().fields["address_unit"]
    assert isinstance(field, CommuneChoiceField)
    labels = [label for value, label in field.iterator(field) if value]
    assert labels == [
        "Phường Long An – Tỉnh Tây Ninh",
        "Phường Tân Ninh – Tỉnh Tây Ninh",
        "Xã Dương Minh Châu – Tỉnh Tây Ninh",
        "Xã Đức Thạnh – Tỉnh Tây Ninh",
        "Xã Ea Súp – Tỉnh Tây Ninh",
    ]
