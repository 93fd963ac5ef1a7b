from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.test.utils import override_settings
from pytest_django import DjangoAssertNumQueries

from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.tracking.tests.conftest import MASKED_NAME, PERSONAL, found_queries

NOT_FOUND = "Không tìm thấy hồ sơ với mã và thông tin đã nhập."
THROTTLED = "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút."


def _url(path: str = "/tra-cuu/", **params: str) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def _code(dossier: Dossier) -> str:
    assert dossier.code is not None
    return dossier.code


def test_empty_form(client: Client) -> None:
    response = client.get("/tra-cuu/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tra cứu tình trạng hồ sơ" in body
    assert 'name="ma"' in body and 'name="bi_mat"' in body and 'name="dien_thoai"' in body
    assert response["Cache-Control"].startswith("max-age=0")
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_receipt_qr_link_opens_the_result(client: Client, returned_dossier: Dossier) -> None:
    response = client.get(_url(ma=_code(returned_dossier), bi_mat=returned_dossier.tracking_secret))

    body = response.content.decode()
    assert response.status_code == 200
    assert MASKED_NAME in body
    for expected in [
        "Thủ tục đăng ký khai sinh",
        "Trung tâm Phục vụ hành chính công phường Long An",
        "Đã trả kết quả",
        # Received, appointment and end, in the Vietnamese order.
        "08:00 ngày 02/03/2026",
        "08:00 ngày 09/03/2026",
        "12:00 ngày 02/03/2026",
        "Từ 08:00 02/03/2026 đến 09:00 02/03/2026",
        "Từ 11:00 02/03/2026 đến 08:00 03/03/2026",
    ]:
        assert expected in body, expected
    steps = [
        ("Tiếp nhận hồ sơ", 'on_time">Đúng hạn'),
        ("Thẩm định hồ sơ", 'early">Trước hạn'),
        ("Lãnh đạo ký duyệt", 'early">Trước hạn'),
    ]
    for name, label in steps:
        assert (
            f'<strong class="step-name">{name}</strong> <span class="tl tl-{label}</span>' in body
        )
    # The return step waits for the citizen: it carries no judgement.
    assert '<strong class="step-name">Trả kết quả</strong>\n' in body
    # The secret is not written back into the page.
    assert returned_dossier.tracking_secret not in body


@pytest.mark.parametrize("path", ["/tra-cuu/", "/tra-cuu/kiosk/"])
@pytest.mark.parametrize("phone", ["+84 912 345 678", "0912345678"])
def test_no_personal_data_in_the_page(
    client: Client, returned_dossier: Dossier, path: str, phone: str
) -> None:
    response = client.get(_url(path, ma=_code(returned_dossier), dien_thoai=phone))

    body = response.content.decode()
    assert response.status_code == 200
    assert MASKED_NAME in body
    leaked = [value for value in [*PERSONAL, "dien_thoai=", "%2B84"] if value in body]
    assert leaked == []


def test_lookup_by_phone_shows_the_current_step(client: Client, open_dossier: Dossier) -> None:
    response = client.get(_url(ma=_code(open_dossier), dien_thoai="+84 912 345 678"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Đang xử lý" in body
    assert 'Thẩm định hồ sơ <span class="muted">(Phường Long An)</span>' in body
    assert '<span class="tl tl-open">Đang thực hiện</span>' in body


@pytest.mark.parametrize(
    "params",
    [
        {"bi_mat": "ZZZZZ9"},
        {"dien_thoai": "0987654321"},
        {"ma": "000.00.01.H53-260302-9999", "bi_mat": "SECRET"},
        {"ma": "000.00.01.H53-260302-9999", "dien_thoai": "0912345678"},
    ],
)
def test_mismatch_gives_one_message(
    client: Client, open_dossier: Dossier, params: dict[str, str]
) -> None:
    query = {"ma": _code(open_dossier), **params}
    if query.get("bi_mat") == "SECRET":
        query["bi_mat"] = open_dossier.tracking_secret

    response = client.get(_url(**query))

    body = response.content.decode()
    assert response.status_code == 404
    assert f'<p class="error" role="alert">{NOT_FOUND}</p>' in body
    assert MASKED_NAME not in body
    assert "Thủ tục đăng ký khai sinh" not in body


def test_code_without_proof_asks_for_one(client: Client, open_dossier: Dossier) -> None:
    response = client.get(_url(ma=_code(open_dossier)))

    assert response.status_code == 422
    assert "Nhập mã tra cứu in trên phiếu hẹn hoặc số điện thoại người nộp hồ sơ." in (
        response.content.decode()
    )


def test_scanner_typing_the_qr_link_into_the_code_box(
    client: Client, open_dossier: Dossier
) -> None:
    scanned = "https://dichvucong.example.vn" + _url(
        ma=_code(open_dossier), bi_mat=open_dossier.tracking_secret
    )

    response = client.get(_url("/tra-cuu/kiosk/", ma=scanned))

    assert response.status_code == 200
    assert MASKED_NAME in response.content.decode()


@override_settings(TRACKING_LOOKUP_LIMIT=3, TRACKING_LOOKUP_WINDOW_SECONDS=600)
def test_throttled_after_the_limit(client: Client, open_dossier: Dossier) -> None:
    right = _url(ma=_code(open_dossier), bi_mat=open_dossier.tracking_secret)
    wrong = _url(ma=_code(open_dossier), bi_mat="ZZZZZ9")

    statuses = [client.get(url).status_code for url in (wrong, wrong, right, right, wrong)]
    blocked = client.get(right)
    other_address = client.get(right, REMOTE_ADDR="10.0.0.7")
    empty_form = client.get("/tra-cuu/")

    assert statuses == [404, 404, 200, 429, 429]
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "600"
    body = blocked.content.decode()
    assert f'<p class="error" role="alert">{THROTTLED}</p>' in body
    assert MASKED_NAME not in body
    assert other_address.status_code == 200
    assert empty_form.status_code == 200


@override_settings(TRACKING_LOOKUP_LIMIT=2)
def test_ipv6_clients_share_their_block(client: Client, open_dossier: Dossier) -> None:
    url = _url(ma=_code(open_dossier), bi_mat="ZZZZZ9")

    statuses = [
        client.get(url, REMOTE_ADDR=address).status_code
        for address in ("2001:db8:1:2::1", "2001:db8:1:2::ff", "2001:db8:1:2:abcd::9")
    ]

    assert statuses == [404, 404, 429]


def test_kiosk_page(client: Client) -> None:
    response = client.get("/tra-cuu/kiosk/")

    body = response.content.decode()
    assert response.status_code == 200
    assert '<body class="kiosk" data-idle-seconds="60" data-home="/tra-cuu/kiosk/">' in body
    # No site navigation on the kiosk.
    assert "topbar" not in body and "Đăng nhập" not in body and "<nav" not in body
    # The idle timer is a static file (no inline script under the CSP, issue 16)
    assert '<script src="/static/tracking/kiosk.js"></script>' in body
    assert "<script>" not in body
    script = finders.find("tracking/kiosk.js")
    assert script is not None
    assert "location.replace(home)" in Path(script).read_text(encoding="utf-8")
    assert "Màn hình tự trở về trang đầu sau 60 giây không thao tác." in body


def test_kiosk_result_offers_a_new_lookup(client: Client, open_dossier: Dossier) -> None:
    response = client.get(
        _url("/tra-cuu/kiosk/", ma=_code(open_dossier), bi_mat=open_dossier.tracking_secret)
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert MASKED_NAME in body
    assert '<a class="button" href="/tra-cuu/kiosk/">Tra cứu hồ sơ khác</a>' in body


def test_page_query_count(
    client: Client,
    returned_dossier: Dossier,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    url = _url(ma=_code(returned_dossier), bi_mat=returned_dossier.tracking_secret)

    with django_assert_num_queries(found_queries()):
        response = client.get(url)

    assert response.status_code == 200


def test_code_and_secret_are_case_insensitive(client: Client, open_dossier: Dossier) -> None:
    typed = _url(ma=_code(open_dossier).lower(), bi_mat=open_dossier.tracking_secret.lower())

    response = client.get(typed)

    assert response.status_code == 200
    assert "Đang xử lý" in response.content.decode()


def test_form_and_receipt_use_the_same_words(client: Client) -> None:
    body = client.get("/tra-cuu/").content.decode()

    assert "Mã tra cứu trên phiếu hẹn" in body
    assert "bí mật" not in body
