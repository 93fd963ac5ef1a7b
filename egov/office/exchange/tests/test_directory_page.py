"""The administrators' page of the exchange directory: agencies, identifiers, routes."""

from __future__ import annotations

from typing import Any

from django.test import Client

from egov.conftest import Cast, Province, make_staff
from egov.office.exchange.directory import directory
from egov.office.exchange.models import OutsideAgency
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent

URL = "/van-ban/lien-thong/danh-ba/"
HUB = "http://127.0.0.1:9/api/v1/exchange/hub"
VPCP = {
    "organ_id": "000.00.00.G22",
    "name": "Văn phòng Chính phủ",
    "address": "Số 1 Hoàng Hoa Thám, Ba Đình, Hà Nội",
    "email": "vpcp@gov.vn",
    "telephone": "8043100",
    "is_active": "1",
}


def _admin(province: Province) -> User:
    """The administrator of the deployment's top unit (the province)."""
    return make_staff("quantri.tinh", "Trương Quốc Bảo", (province.province, Role.ADMINISTRATOR))


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_administrator_adds_changes_and_stops_an_agency(
    province: Province, settings: Any
) -> None:
    settings.EXCHANGE_HUB_URL = HUB
    settings.EXCHANGE_HUB_CLIENTS = "bí-mật-1=000.00.00.H53,000.01.30.H53;bí-mật-2=000.00.00.G06"
    client = _client(_admin(province))

    page = client.get(URL).content.decode()
    assert f'<dd id="hub-url">{HUB}</dd>' in page
    assert "<li>000.00.00.G06</li><li>000.00.00.H53, 000.01.30.H53</li>" in page
    assert "bí-mật" not in page  # the hub's tokens never show
    assert "<tr><td>000.01.30.H53</td><td>Phường Long An</td><td>Trực tiếp</td>" in page

    response = client.post(URL, VPCP)
    assert (response.status_code, response["Location"]) == (302, URL)
    agency = OutsideAgency.objects.get()
    assert (agency.organ_id, agency.name, agency.email, agency.is_active) == (
        "000.00.00.G22",
        "Văn phòng Chính phủ",
        "vpcp@gov.vn",
        True,
    )
    assert [a.organ_id for a in directory("000.00.00.G")] == ["000.00.00.G22"]
    # The form opens filled for a change; stopping takes it out of the recipients.
    page = client.get(URL, {"ma": "000.00.00.G22"}).content.decode()
    assert 'id="name" name="name" value="Văn phòng Chính phủ"' in page
    client.post(URL, {**VPCP, "is_active": ""})
    agency.refresh_from_db()
    assert agency.is_active is False
    assert directory("000.00.00.G") == []
    # The same values again change nothing and record nothing.
    client.post(URL, {**VPCP, "is_active": ""})
    events = AuditEvent.objects.filter(event_type__startswith="exchange.agency_").order_by("pk")
    assert [(e.event_type, e.details["active"]) for e in events] == [
        ("exchange.agency_added", True),
        ("exchange.agency_changed", False),
    ]


def test_bad_values_are_refused_with_the_reason_and_nothing_is_written(
    province: Province,
) -> None:
    client = _client(_admin(province))
    response = client.post(URL, {**VPCP, "organ_id": "G22"})
    assert response.status_code == 422
    assert (
        "Không lưu được cơ quan: mã định danh «G22» không đúng dạng (ví dụ 000.00.00.H41)."
        in response.content.decode()
    )
    response = client.post(URL, {**VPCP, "organ_id": "000.01.30.H53"})
    assert response.status_code == 422
    assert "mã định danh 000.01.30.H53 là của một đơn vị trong hệ thống" in (
        response.content.decode()
    )
    assert OutsideAgency.objects.count() == 0
    assert AuditEvent.objects.filter(event_type__startswith="exchange.agency_").count() == 0


def test_only_the_deployment_administrators_reach_the_directory(
    province: Province, cast: Cast
) -> None:
    OutsideAgency.objects.create(organ_id="000.00.00.G22", name="Văn phòng Chính phủ")
    # cast.admin administers Phường Long An only; the clerk and the leader are no administrators.
    for user in (cast.admin, cast.clerk, cast.leader):
        client = _client(user)
        assert client.get(URL).status_code == 403
        response = client.post(URL, {**VPCP, "name": "Đổi tên", "is_active": ""})
        assert response.status_code == 403
    agency = OutsideAgency.objects.get()
    assert (agency.name, agency.is_active) == ("Văn phòng Chính phủ", True)
    assert AuditEvent.objects.filter(event_type__startswith="exchange.agency_").count() == 0
    assert Client().get(URL).status_code == 302
