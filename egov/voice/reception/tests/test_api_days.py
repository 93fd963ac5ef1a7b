"""Reception days, the month's check and a reception's outcome through the REST API."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login, make_staff
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.voice.complaints.tests.conftest import Office
from egov.voice.reception.models import Reception, ReceptionDay
from egov.voice.reception.tests.test_days import receive

pytestmark = pytest.mark.django_db
TODAY = "2026-12-15 09:00 +07:00"


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def snapshot() -> tuple[object, ...]:
    return (
        list(ReceptionDay.objects.order_by("pk").values()),
        list(Reception.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def chairman(province: Province) -> User:
    return make_staff("chutichub.la", "Trần Văn Chánh", (province.long_an, Role.LEADER))


def day_body(province: Province, chairman: User, **changes: object) -> dict[str, object]:
    return {
        "unit_id": province.long_an.pk,
        "leader_id": chairman.pk,
        "date": "2026-12-17",
        "place": "Phòng tiếp công dân",
        **changes,
    }


def test_a_head_schedules_a_day_and_receivers_list_it(
    province: Province, cast: Cast, office: Office, chairman: User
) -> None:
    with time_machine.travel(TODAY, tick=False):
        created = post(
            login(Client(), office.head), "/api/v1/reception/days", day_body(province, chairman)
        )
        listed = login(Client(), office.reception).get("/api/v1/reception/days?month=2026-12")
        other_month = login(Client(), office.reception).get("/api/v1/reception/days?month=2026-11")
        outsider = login(Client(), cast.outsider).get("/api/v1/reception/days?month=2026-12")
        citizen = login(Client(), cast.citizen).get("/api/v1/reception/days?month=2026-12")

    day = ReceptionDay.objects.get()
    expected = {
        "id": day.pk,
        "unit_id": province.long_an.pk,
        "unit": "Phường Long An",
        "leader_id": chairman.pk,
        "leader": "Trần Văn Chánh",
        "date": "2026-12-17",
        "place": "Phòng tiếp công dân",
        "note": "",
    }
    assert (created.status_code, created.json()) == (201, expected)
    assert (listed.status_code, listed.json()) == (200, [expected])
    assert other_month.json() == []
    assert (outsider.json(), citizen.json()) == ([], [])
    assert AuditEvent.objects.filter(event_type="voice.reception_day_scheduled").count() == 1


@pytest.mark.parametrize(
    ("who", "changes", "status", "code"),
    [
        ("anonymous", {}, 401, None),
        ("citizen", {}, 403, "reception_permission_denied"),
        ("outsider", {}, 403, "reception_permission_denied"),
        # Receivers record receptions; only heads and leaders schedule days.
        ("reception", {}, 403, "reception_permission_denied"),
        ("head", {"unit_id": 0}, 404, "reception_not_found"),
        ("head", {"leader_id": "OFFICE_RECEPTION"}, 422, "reception_invalid_field"),
        ("head", {"place": " "}, 422, "reception_invalid_field"),
    ],
)
def test_a_day_refused_through_the_api_stores_nothing(
    province: Province,
    cast: Cast,
    office: Office,
    chairman: User,
    who: str,
    changes: dict[str, object],
    status: int,
    code: str | None,
) -> None:
    users = {
        "citizen": cast.citizen,
        "outsider": cast.outsider,
        "reception": office.reception,
        "head": office.head,
    }
    if changes.get("leader_id") == "OFFICE_RECEPTION":
        changes = {"leader_id": office.reception.pk}  # not a leader of the ward
    client = login(Client(), users[who]) if who in users else Client()
    before = snapshot()
    response = post(client, "/api/v1/reception/days", day_body(province, chairman, **changes))
    assert response.status_code == status
    if code is not None:
        assert response.json()["code"] == code
    assert snapshot() == before


def test_the_months_check_through_the_api(
    province: Province, cast: Cast, office: Office, chairman: User
) -> None:
    la = province.long_an
    receive(chairman, la, date(2026, 11, 5))
    receive(chairman, la, date(2026, 11, 12))
    with time_machine.travel(TODAY, tick=False):
        response = login(Client(), office.reception).get(
            f"/api/v1/reception/check?unit_id={la.pk}&month=2026-11"
        )
    assert response.status_code == 200
    assert response.json() == {
        "unit_id": la.pk,
        "month": "2026-11",
        "rule": {
            "days": 1,
            "per": "week",
            "source": "Luật Tiếp công dân 2013, Điều 12-15 (chủ tịch UBND cấp xã)",
            "verified": False,
        },
        "leaders": [
            {
                "leader_id": chairman.pk,
                "leader": "Trần Văn Chánh",
                "scheduled": [],
                "held": ["2026-11-05", "2026-11-12"],
                "required": 5,
                "weeks": [
                    {"monday": "2026-11-02", "held": 1, "short": False},
                    {"monday": "2026-11-09", "held": 1, "short": False},
                    {"monday": "2026-11-16", "held": 0, "short": True},
                    {"monday": "2026-11-23", "held": 0, "short": True},
                    {"monday": "2026-11-30", "held": 0, "short": True},
                ],
                "short": True,
                "judged": True,
            }
        ],
    }


@pytest.mark.parametrize(
    ("who", "query", "status", "code"),
    [
        ("anonymous", "", 401, None),
        ("citizen", "", 404, "reception_not_found"),
        ("outsider", "", 404, "reception_not_found"),
        ("reception", "&month=2026-13", 422, "reception_invalid_field"),
    ],
)
def test_the_check_is_denied_to_strangers(
    province: Province,
    cast: Cast,
    office: Office,
    who: str,
    query: str,
    status: int,
    code: str | None,
) -> None:
    users = {"citizen": cast.citizen, "outsider": cast.outsider, "reception": office.reception}
    client = login(Client(), users[who]) if who in users else Client()
    response = client.get(f"/api/v1/reception/check?unit_id={province.long_an.pk}{query}")
    assert response.status_code == status
    if code is not None:
        assert response.json()["code"] == code


def test_a_receptions_outcome_through_the_api(
    province: Province, cast: Cast, office: Office, chairman: User
) -> None:
    receive(office.reception, province.long_an, date(2026, 12, 10), kind="regular")
    line = Reception.objects.get()
    url = f"/api/v1/reception/receptions/{line.pk}/outcome"
    before = snapshot()
    refused = [
        Client().post(url, "{}", content_type="application/json").status_code,
        post(login(Client(), cast.outsider), url, {"result": "Đã giải thích"}).status_code,
        post(login(Client(), cast.citizen), url, {"result": "Đã giải thích"}).status_code,
    ]
    empty = post(login(Client(), office.reception), url, {"result": " "})
    assert (refused, empty.status_code, empty.json()["code"]) == (
        [401, 404, 404],
        422,
        "reception_invalid_field",
    )
    assert snapshot() == before

    done = post(login(Client(), office.reception), url, {"result": "Đã hướng dẫn gửi đơn"})
    assert (done.status_code, done.json()["result"], done.json()["id"]) == (
        200,
        "Đã hướng dẫn gửi đơn",
        line.pk,
    )
    assert Reception.objects.get().result == "Đã hướng dẫn gửi đơn"
    assert AuditEvent.objects.filter(event_type="voice.reception_outcome_recorded").count() == 1
