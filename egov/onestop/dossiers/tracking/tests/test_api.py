from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings
from pytest_django import DjangoAssertNumQueries

from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tracking.tests.conftest import MASKED_NAME, PERSONAL, found_queries

CENTRE = "Trung tâm Phục vụ hành chính công phường Long An"
NOT_FOUND = {
    "code": "dossier_not_found",
    "message": "Không tìm thấy hồ sơ với mã và thông tin đã nhập.",
}


def _get(client: Client, dossier_code: str, **params: str) -> Any:
    return client.get(f"/api/v1/tracking/{dossier_code}", params)


def _code(dossier: Dossier) -> str:
    assert dossier.code is not None
    return dossier.code


def test_returned_dossier(client: Client, returned_dossier: Dossier) -> None:
    # Times in UTC like the rest of the API: 08:00 in Vietnam is 01:00Z.
    response = _get(client, _code(returned_dossier), secret=returned_dossier.tracking_secret)

    assert response.status_code == 200
    assert response.json() == {
        "code": _code(returned_dossier),
        "procedure": "Thủ tục đăng ký khai sinh",
        "receiving_unit": CENTRE,
        "applicant": MASKED_NAME,
        "status": 10,
        "status_label": "Đã trả kết quả",
        "current_step": None,
        "current_unit": None,
        "received_at": "2026-03-02T01:00:00Z",
        "appointment_at": "2026-03-09T01:00:00Z",
        "new_appointment_at": None,
        "ended_at": "2026-03-02T05:00:00Z",
        "timeliness": "early",
        "timeliness_label": "Trước hạn",
        "history": [
            {
                "step": "Tiếp nhận hồ sơ",
                "unit": CENTRE,
                "started_at": "2026-03-02T01:00:00Z",
                "finished_at": "2026-03-02T02:00:00Z",
                "timeliness": "on_time",
                "timeliness_label": "Đúng hạn",
            },
            {
                "step": "Thẩm định hồ sơ",
                "unit": "Phường Long An",
                "started_at": "2026-03-02T02:00:00Z",
                "finished_at": "2026-03-02T03:00:00Z",
                "timeliness": "early",
                "timeliness_label": "Trước hạn",
            },
            {
                "step": "Lãnh đạo ký duyệt",
                "unit": "Phường Long An",
                "started_at": "2026-03-02T03:00:00Z",
                "finished_at": "2026-03-02T04:00:00Z",
                "timeliness": "early",
                "timeliness_label": "Trước hạn",
            },
            {
                "step": "Trả kết quả",
                "unit": CENTRE,
                "started_at": "2026-03-02T04:00:00Z",
                "finished_at": "2026-03-03T01:00:00Z",
                "timeliness": None,
                "timeliness_label": None,
            },
        ],
    }
    leaked = [value for value in PERSONAL if value in response.content.decode()]
    assert leaked == []


def test_by_phone(client: Client, open_dossier: Dossier) -> None:
    response = _get(client, _code(open_dossier), phone="+84 912 345 678")

    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["current_step"], body["current_unit"]) == (
        4,
        "Thẩm định hồ sơ",
        "Phường Long An",
    )
    assert [(s["step"], s["finished_at"], s["timeliness"]) for s in body["history"]] == [
        ("Tiếp nhận hồ sơ", "2026-03-02T02:00:00Z", "on_time"),
        ("Thẩm định hồ sơ", None, None),
    ]


@pytest.mark.parametrize(
    ("code", "params"),
    [
        ("right", {"secret": "ZZZZZ9"}),
        ("right", {"phone": "0987654321"}),
        ("000.00.01.H53-260302-9999", {"secret": "SECRET"}),
        ("000.00.01.H53-260302-9999", {"phone": "0912345678"}),
    ],
)
def test_mismatch_is_one_404(
    client: Client, open_dossier: Dossier, code: str, params: dict[str, str]
) -> None:
    if params.get("secret") == "SECRET":
        params = {"secret": open_dossier.tracking_secret}

    response = _get(client, _code(open_dossier) if code == "right" else code, **params)

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_a_code_with_a_nul_is_refused(client: Client, open_dossier: Dossier) -> None:
    # Regression: PostgreSQL refuses NUL in a parameter, which answered 500.
    # Refused before any lookup (issue 16), so it tells nothing about the dossier.
    response = client.get(
        f"/api/v1/tracking/{_code(open_dossier)}%00", {"secret": open_dossier.tracking_secret}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "nul_character"


def test_proof_required(client: Client, open_dossier: Dossier) -> None:
    response = _get(client, _code(open_dossier))

    assert response.status_code == 422
    assert response.json() == {
        "code": "proof_required",
        "message": "Nhập mã tra cứu in trên phiếu hẹn hoặc số điện thoại người nộp hồ sơ.",
    }


@override_settings(TRACKING_LOOKUP_LIMIT=2)
def test_throttled(client: Client, open_dossier: Dossier) -> None:
    code, secret = _code(open_dossier), open_dossier.tracking_secret

    statuses = [_get(client, code, secret=s).status_code for s in ("ZZZZZ9", secret)]
    blocked = _get(client, code, secret=secret)

    assert statuses == [404, 200]
    assert blocked.status_code == 429
    assert blocked.json() == {
        "code": "too_many_requests",
        "message": "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.",
    }


def test_schema_is_published_without_login(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()

    operation = schema["paths"]["/api/v1/tracking/{code}"]["get"]
    assert "security" not in operation
    assert [p["name"] for p in operation["parameters"]] == ["code", "secret", "phone"]
    assert sorted(operation["responses"]) == ["200", "404", "422", "429"]
    assert list(schema["components"]["schemas"]["TrackingOut"]["properties"]) == [
        "code",
        "procedure",
        "receiving_unit",
        "applicant",
        "status",
        "status_label",
        "current_step",
        "current_unit",
        "received_at",
        "appointment_at",
        "new_appointment_at",
        "ended_at",
        "timeliness",
        "timeliness_label",
        "history",
    ]


def test_query_count(
    client: Client,
    returned_dossier: Dossier,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    with django_assert_num_queries(found_queries()):
        response = _get(client, _code(returned_dossier), secret=returned_dossier.tracking_secret)

    assert response.status_code == 200
