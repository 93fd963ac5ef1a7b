"""The apply page shows what the bank will be asked: online amounts, council amounts."""

from __future__ import annotations

from django.test import Client

from egov.conftest import Province, login
from egov.onestop.dossiers.models import Dossier
from egov.onestop.payments.models import Payment
from egov.onestop.portal.tests.conftest import Online
from egov.onestop.portal.tests.test_applying import URL, _post
from egov.onestop.procedures.council_fees import set_council_fee
from egov.onestop.procedures.models import Procedure
from egov.platform.accounts.models import User

NOT_SET = "Do Hội đồng nhân dân tỉnh quyết định, chưa cập nhật mức thu"


def test_the_online_amount_is_shown(client: Client, online: Online, citizen: User) -> None:
    Procedure.objects.filter(pk=online.desk.procedure.pk).update(
        fee_vnd=0, charge_vnd=15000, charge_online_vnd=7000
    )
    login(client, citizen)

    html = client.get(URL).content.decode()

    assert "Phí, lệ phí: 7.000 đồng" in html
    assert "15.000" not in html


def test_a_council_fee_not_entered_is_never_free(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    Procedure.objects.filter(pk=online.desk.procedure.pk).update(
        fee_vnd=0, charge_vnd=0, fee_set_by_council=True
    )
    login(client, citizen)

    html = client.get(URL).content.decode()
    assert f"Phí, lệ phí: {NOT_SET}" in html
    assert "Miễn phí" not in html

    set_council_fee(
        actor=None,
        procedure=Procedure.objects.get(pk=online.desk.procedure.pk),
        unit=province.province,
        fee_vnd=0,
        charge_vnd=15000,
        resolution="Nghị quyết 01/2026/NQ-HĐND",
    )
    assert "Phí, lệ phí: 15.000 đồng" in client.get(URL).content.decode()


def test_submitting_while_the_council_fee_is_missing_says_why_and_asks_no_money(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    Procedure.objects.filter(pk=online.desk.procedure.pk).update(
        fee_vnd=0, charge_vnd=0, fee_set_by_council=True
    )
    login(client, citizen)

    response = client.post(URL, _post(online, province), follow=True)

    dossier = Dossier.objects.get()
    assert response.redirect_chain[-1][0] == f"/dich-vu-cong/ho-so/{dossier.pk}/"
    assert Payment.objects.count() == 0
    html = response.content.decode()
    assert "chưa thể thanh toán trực tuyến" in html
    assert NOT_SET in html
