"""NUL characters and oversized bodies are refused, never a 500 (issue 16, item 6)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.test import Client, RequestFactory, override_settings

from egov.api import api
from egov.conftest import Cast, login
from egov.onestop.procedures.models import Field, Procedure, ProcedureLevel

NUL_MESSAGE = "Dữ liệu gửi lên chứa ký tự không hợp lệ (NUL)."
TOO_LARGE_MESSAGE = "Dữ liệu gửi lên quá lớn. Vui lòng gửi ít hơn."


@pytest.fixture
def catalogue(db: None) -> Procedure:
    return Procedure.objects.create(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        field=Field.objects.create(name="Hộ tịch"),
        level=ProcedureLevel.COMMUNE,
        implementing_agency="UBND cấp xã",
        processing_days=5,
        result_type="Giấy khai sinh",
    )


def test_anonymous_catalogue_search_with_nul_is_400(client: Client, catalogue: Procedure) -> None:
    response = client.get("/thu-tuc/?q=khai%00sinh")

    assert response.status_code == 400
    assert response["X-Error-Code"] == "nul_character"
    assert response.content.decode() == NUL_MESSAGE


def test_catalogue_search_without_nul_still_works(client: Client, catalogue: Procedure) -> None:
    response = client.get("/thu-tuc/?q=khai+sinh")

    assert response.status_code == 200
    assert "Thủ tục đăng ký khai sinh" in response.content.decode()


def test_nul_in_a_query_string_key_is_refused(client: Client, catalogue: Procedure) -> None:
    assert client.get("/thu-tuc/?q%00=x").status_code == 400


def test_form_field_with_nul_is_400(client: Client, db: None) -> None:
    response = client.post("/dang-nhap/", {"username": "a\x00b", "password": "x"})

    assert response.status_code == 400
    assert response["X-Error-Code"] == "nul_character"


def test_json_body_with_escaped_nul_is_422(client: Client, cast: Cast) -> None:
    login(client, cast.reception)
    response = client.post(
        "/api/v1/dossiers/1/withdraw",
        data=json.dumps({"reason": "rút\u0000"}),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json() == {"code": "nul_character", "message": NUL_MESSAGE}


def test_api_query_string_with_nul_is_422(client: Client, db: None) -> None:
    response = client.get("/api/v1/health?x=%00")

    assert response.status_code == 422
    assert response.json()["code"] == "nul_character"


def test_json_with_a_literal_backslash_u0000_text_is_not_refused(client: Client, db: None) -> None:
    # "\\u0000" in JSON is the six characters \u0000, not a NUL.
    response = client.post(
        "/api/v1/health", data='{"x": "\\\\u0000"}', content_type="application/json"
    )

    assert response.status_code == 405


def test_ten_megabyte_json_body_is_413(client: Client, cast: Cast) -> None:
    login(client, cast.reception)
    body = json.dumps({"reason": "x" * (10 * 1024 * 1024)})

    response = client.post(
        "/api/v1/dossiers/1/withdraw", data=body, content_type="application/json"
    )

    assert response.status_code == 413
    assert response.json() == {"code": "request_too_large", "message": TOO_LARGE_MESSAGE}


@override_settings(EGOV_MAX_BODY=100)
def test_limit_follows_the_setting(client: Client, db: None) -> None:
    small = client.post("/api/v1/health", data="{}", content_type="application/json")
    large = client.post(
        "/api/v1/health", data="{" + " " * 200 + "}", content_type="application/json"
    )

    assert small.status_code == 405
    assert large.status_code == 413
    assert large.json()["code"] == "request_too_large"


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (PermissionDenied(), 403, "forbidden"),
        (RequestDataTooBig(), 413, "request_too_large"),
        (RuntimeError("boom"), 500, "server_error"),
    ],
)
def test_api_errors_are_json_with_a_code(exc: Exception, status: int, code: str) -> None:
    request = RequestFactory().get("/api/v1/health")

    response = api.on_exception(request, exc)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content)["code"] == code
