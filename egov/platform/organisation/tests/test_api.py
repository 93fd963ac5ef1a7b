from __future__ import annotations

import json

from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.platform.organisation.models import Unit


def test_units_need_login(client: Client, province: Province) -> None:
    response = client.get("/api/v1/units/")

    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "message": "Bạn cần đăng nhập."}


def test_specialist_sees_only_their_commune(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.specialist)

    response = client.get("/api/v1/units/")

    assert response.status_code == 200
    assert [u["name"] for u in response.json()] == [
        "Phường Long An",
        "Trung tâm Phục vụ hành chính công phường Long An",
    ]


def test_leader_of_province_sees_whole_tree(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.leader)

    response = client.get("/api/v1/units/", {"kind": "commune"})

    assert [u["name"] for u in response.json()] == ["Phường Long An", "Phường Tân Ninh"]


def test_other_communes_unit_is_not_found(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.outsider)

    response = client.get(f"/api/v1/units/{province.long_an.pk}")

    assert response.status_code == 404
    assert response.json() == {"code": "unit_not_found", "message": "Không tìm thấy đơn vị."}


def test_unit_detail(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.specialist)

    response = client.get(f"/api/v1/units/{province.long_an.pk}")

    assert response.json() == {
        "id": province.long_an.pk,
        "name": "Phường Long An",
        "kind": "commune",
        "kind_label": "Xã/phường/đặc khu",
        "parent_id": province.province.pk,
        "stat_code": "27694",
        "agency_code": "000.01.30.H53",
        "depth": 1,
        "is_active": True,
    }


def test_administrator_creates_an_office(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.admin)

    response = client.post(
        "/api/v1/units/",
        json.dumps(
            {
                "name": "Phòng Văn hóa - Xã hội",
                "kind": "department",
                "parent_id": province.long_an.pk,
                "agency_code": "002.01.30.H53",
            }
        ),
        content_type="application/json",
    )

    assert response.status_code == 201
    created = Unit.objects.get(name="Phòng Văn hóa - Xã hội")
    assert response.json()["id"] == created.pk
    assert created.parent == province.long_an
    event = AuditEvent.objects.get(
        event_type="organisation.unit_created", target_id=str(created.pk)
    )
    assert event.actor == cast.admin


def test_specialist_cannot_create_units(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.specialist)
    count, events = Unit.objects.count(), AuditEvent.objects.count()

    response = client.post(
        "/api/v1/units/",
        json.dumps({"name": "Phòng X", "kind": "department", "parent_id": province.long_an.pk}),
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json() == {
        "code": "permission_denied",
        "message": "Bạn không có quyền quản trị đơn vị này.",
    }
    assert (Unit.objects.count(), AuditEvent.objects.count()) == (count, events)


def test_create_with_bad_input_is_422(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.admin)
    count = Unit.objects.count()

    response = client.post(
        "/api/v1/units/",
        json.dumps({"name": "Phòng X", "kind": "planet", "parent_id": province.long_an.pk}),
        content_type="application/json",
    )
    malformed = client.post("/api/v1/units/", "{not json", content_type="application/json")
    bad_code = client.post(
        "/api/v1/units/",
        json.dumps(
            {
                "name": "Phòng X",
                "kind": "department",
                "parent_id": province.long_an.pk,
                "agency_code": "XYZ",
            }
        ),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert response.json()["message"] == "Dữ liệu gửi lên không hợp lệ."
    assert malformed.status_code in (400, 422)
    assert malformed.json()["code"] == "invalid_input"
    assert bad_code.status_code == 422
    assert bad_code.json()["code"] == "invalid_unit"
    assert Unit.objects.count() == count


def test_unit_trail_visible_to_members_only(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.specialist)
    ok = client.get(f"/api/v1/audit/units/{province.long_an.pk}")
    login(client, cast.outsider)
    denied = client.get(f"/api/v1/audit/units/{province.long_an.pk}")

    assert ok.status_code == 200
    assert [(e["event_type"], e["actor"]) for e in ok.json()] == [
        ("organisation.unit_created", None)
    ]
    assert denied.status_code == 404


def test_me_lists_memberships(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.specialist)

    response = client.get("/api/v1/me/")

    assert response.json() == {
        "username": "chuyenvien",
        "full_name": "Lý Văn Tài",
        "kind": "staff",
        "memberships": [
            {
                "unit_id": province.long_an.pk,
                "unit_name": "Phường Long An",
                "role": "specialist",
                "role_label": "Chuyên viên",
                "title": "",
            }
        ],
    }


def test_openapi_document_lists_the_endpoints(client: Client, db: None) -> None:
    response = client.get("/api/v1/openapi.json")

    paths = set(response.json()["paths"])
    assert {"/api/v1/health", "/api/v1/calendar/due", "/api/v1/units/", "/api/v1/me/"} <= paths
    assert client.get("/api/v1/docs").status_code == 200
