"""The amount asked for online: per channel, and council-set amounts per province."""

from __future__ import annotations

import pytest

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Channel, Dossier
from egov.onestop.payments.models import Payment
from egov.onestop.payments.selectors import payment_summary
from egov.onestop.payments.services import start_payment
from egov.onestop.procedures.council_fees import set_council_fee
from egov.onestop.procedures.models import Procedure
from egov.platform.core.errors import Conflict


def _charge(dossier: Dossier, **amounts: object) -> Dossier:
    Procedure.objects.filter(pk=dossier.procedure_id).update(**amounts)
    return Dossier.objects.select_related("procedure").get(pk=dossier.pk)


def test_online_dossier_pays_the_online_amount(cast: Cast, online_dossier: Dossier) -> None:
    # Thông tư 75/2022/TT-BTC: tạm trú 15.000 đồng direct, 7.000 đồng online.
    dossier = _charge(online_dossier, fee_vnd=0, charge_vnd=15000, charge_online_vnd=7000)

    payment, _url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")

    assert payment.amount_vnd == 7000
    assert payment_summary(dossier).fee_vnd == 7000


def test_direct_dossier_shows_the_direct_amount(online_dossier: Dossier) -> None:
    dossier = _charge(online_dossier, fee_vnd=0, charge_vnd=15000, charge_online_vnd=7000)
    Dossier.objects.filter(pk=dossier.pk).update(channel=Channel.DIRECT)
    dossier = Dossier.objects.select_related("procedure").get(pk=dossier.pk)

    assert payment_summary(dossier).fee_vnd == 15000


def test_council_fee_missing_refuses_payment(cast: Cast, online_dossier: Dossier) -> None:
    dossier = _charge(online_dossier, fee_vnd=0, charge_vnd=0, fee_set_by_council=True)

    with pytest.raises(Conflict) as error:
        start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")

    assert error.value.code == "fee_not_set"
    assert "Hội đồng nhân dân tỉnh quyết định" in error.value.message
    assert Payment.objects.count() == 0
    summary = payment_summary(dossier)
    assert (summary.fee_set, summary.fee_vnd, summary.fee_payable) == (False, 0, False)


def test_council_fee_of_the_province_then_of_the_agency(
    cast: Cast, province: Province, online_dossier: Dossier
) -> None:
    dossier = _charge(online_dossier, fee_vnd=0, charge_vnd=0, fee_set_by_council=True)
    set_council_fee(
        actor=cast.admin,
        procedure=dossier.procedure,
        unit=province.province,
        fee_vnd=0,
        charge_vnd=15000,
        resolution="Nghị quyết 01/2026/NQ-HĐND",
    )
    assert payment_summary(dossier).fee_vnd == 15000

    # The agency's own entry is nearer than the province's.
    set_council_fee(
        actor=cast.admin,
        procedure=dossier.procedure,
        unit=dossier.agency,
        fee_vnd=0,
        charge_vnd=12000,
        charge_online_vnd=6000,
        resolution="Nghị quyết 02/2026/NQ-HĐND",
    )
    payment, _url = start_payment(actor=cast.citizen, dossier=dossier, purpose="fee")

    assert payment.amount_vnd == 6000
