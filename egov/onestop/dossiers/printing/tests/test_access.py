"""Who may print: staff who may see the dossier or the unit; nothing else."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier
from egov.platform.audit.models import AuditEvent

FORMS = ["01", "02", "03", "04", "05", "06"]
PERIOD = {"tu": "2026-02-01", "den": "2026-02-28"}


@pytest.fixture
def for_each_form(
    accepted: Dossier,
    supplemented: Dossier,
    refused: Dossier,
    apologised: Dossier,
    stopped: Dossier,
) -> dict[str, Dossier]:
    """A dossier each form applies to."""
    return {
        "01": accepted,
        "02": supplemented,
        "03": refused,
        "04": apologised,
        "05": stopped,
        "06": accepted,
    }


def _url(dossier: Dossier, number: str) -> str:
    return reverse("printing:dossier_form", kwargs={"pk": dossier.pk, "number": number})


@pytest.mark.parametrize("member", ["outsider", "citizen"])
def test_others_get_404_for_every_form(
    client: Client,
    cast: Cast,
    province: Province,
    for_each_form: dict[str, Dossier],
    member: str,
) -> None:
    login(client, getattr(cast, member))
    events = AuditEvent.objects.count()
    register = reverse("printing:register", kwargs={"unit_id": province.long_an.pk})

    statuses = {n: client.get(_url(d, n)).status_code for n, d in for_each_form.items()}
    statuses["07"] = client.get(register, PERIOD).status_code

    assert statuses == {n: 404 for n in [*FORMS, "07"]}
    assert AuditEvent.objects.count() == events


def test_anonymous_is_sent_to_login(
    client: Client, province: Province, for_each_form: dict[str, Dossier]
) -> None:
    urls = [_url(d, n) for n, d in for_each_form.items()]
    urls.append(reverse("printing:register", kwargs={"unit_id": province.long_an.pk}))

    for url in urls:
        response = client.get(url, PERIOD)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('web:login')}?next=")


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("02", "Hồ sơ không có yêu cầu bổ sung, hoàn thiện nào."),
        ("03", "Hồ sơ không bị từ chối tiếp nhận nên không có phiếu từ chối."),
        ("04", "Hồ sơ chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả."),
        ("05", "Hồ sơ không bị dừng xử lý nên không có thông báo dừng."),
    ],
)
def test_form_that_does_not_apply_is_404_with_a_reason(
    client: Client, cast: Cast, accepted: Dossier, number: str, message: str
) -> None:
    response = login(client, cast.reception).get(_url(accepted, number))

    assert response.status_code == 404
    assert message in response.content.decode()


def test_no_receipt_or_control_slip_for_a_refused_dossier(
    client: Client, cast: Cast, refused: Dossier
) -> None:
    login(client, cast.reception)

    receipt = client.get(_url(refused, "01"))
    control = client.get(_url(refused, "06"))

    assert (receipt.status_code, control.status_code) == (404, 404)
    assert "Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận" in receipt.content.decode()


@pytest.mark.parametrize("number", ["00", "07", "1", "abc"])
def test_unknown_form_number(client: Client, cast: Cast, accepted: Dossier, number: str) -> None:
    response = login(client, cast.reception).get(_url(accepted, number))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({}, "Cần chọn từ ngày và đến ngày"),
        ({"tu": "2026-02-01"}, "Cần chọn từ ngày và đến ngày"),
        ({"tu": "2026-02-30", "den": "2026-03-01"}, "Ngày không hợp lệ."),
        ({"tu": "31/02/2026", "den": "28/03/2026"}, "Ngày không hợp lệ."),
        ({"tu": "02/01/2026x", "den": "28/02/2026"}, "Ngày không hợp lệ."),
        ({"tu": "2026-03-01", "den": "2026-02-01"}, "Đến ngày phải bằng hoặc sau từ ngày."),
        ({"tu": "2025-01-01", "den": "2026-02-01"}, "tối đa 366 ngày"),
    ],
)
def test_register_with_bad_dates_is_400(
    client: Client, cast: Cast, province: Province, query: dict[str, str], message: str
) -> None:
    url = reverse("printing:register", kwargs={"unit_id": province.long_an.pk})

    response = login(client, cast.admin).get(url, query)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


def test_register_takes_dates_typed_day_first(
    client: Client, cast: Cast, province: Province
) -> None:
    url = reverse("printing:register", kwargs={"unit_id": province.long_an.pk})

    response = login(client, cast.admin).get(url, {"tu": "01/02/2026", "den": "28/02/2026"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
