"""Fees per procedure and channel from the catalogue data (one source of truth)."""

from __future__ import annotations

import pytest
from django.test import Client

from egov.onestop.procedures.fees import fee_quote
from egov.onestop.procedures.importers import load_demo_catalogue
from egov.onestop.procedures.models import CouncilFee, Procedure

pytestmark = pytest.mark.django_db


def test_temporary_residence_costs_7000_online_and_15000_direct() -> None:
    load_demo_catalogue()
    procedure = Procedure.objects.get(code="1.004194")

    online = fee_quote(procedure, online=True, agency=None)
    direct = fee_quote(procedure, online=False, agency=None)

    assert (online.fee_vnd, online.charge_vnd, online.total_vnd) == (0, 7000, 7000)
    assert (direct.fee_vnd, direct.charge_vnd, direct.total_vnd) == (0, 15000, 15000)
    assert Procedure.objects.get(code="1.004222").charge_online_vnd == 10000


def test_council_set_procedures_are_not_free_until_an_amount_is_entered() -> None:
    load_demo_catalogue()

    council = Procedure.objects.filter(fee_set_by_council=True).order_by("code")

    assert list(council.values_list("code", flat=True)) == [
        "1.000689",
        "1.001612",
        "1.004746",
        "1.004873",
        "1.004884",
        "1.005461",
        "1.012784",
        "1.012786",
        "1.013225",
        "1.013831",
        "2.000720",
    ]
    quote = fee_quote(council[0], online=True, agency=None)
    assert (quote.is_set, quote.total_vnd, quote.by_council) == (False, None, True)
    assert CouncilFee.objects.count() == 0


def test_the_catalogue_page_shows_the_online_amount(client: Client) -> None:
    load_demo_catalogue()

    content = client.get("/thu-tuc/1.004194/").content.decode()

    assert '<p class="result">Lệ phí: 15.000 đồng</p>' in content
    assert '<p class="result">Lệ phí khi nộp trực tuyến: 7.000 đồng</p>' in content
    assert "Miễn phí" not in client.get("/thu-tuc/1.004873/").content.decode()
