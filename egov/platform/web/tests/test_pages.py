from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egov.conftest import Cast, Province, login
from egov.platform.accounts.models import Role
from egov.platform.accounts.services import grant_role


def test_public_home_page(client: Client, db: None) -> None:
    response = client.get("/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Dịch vụ công trực tuyến</h1>" in body
    # A citizen's front page: search, apply, track, statistics; no staff login
    # button, no calculator, no promise of features that do not exist.
    assert '<form class="home-search" method="get" action="/thu-tuc/" role="search">' in body
    assert '<a class="button" href="/thu-tuc/">Nộp hồ sơ</a>' in body
    assert '<a class="button" href="/tra-cuu/">Tra cứu</a>' in body
    assert '<a class="button" href="/thong-ke/cong-khai/">Xem thống kê</a>' in body
    assert "Đăng nhập cán bộ" not in body
    assert 'hx-get="/lich/han-giai-quyet/"' not in body
    assert "phản ánh kiến nghị" not in body
    assert '<script src="/static/web/menu.js" defer></script>' in body
    assert 'aria-controls="main-nav" aria-expanded="false" hidden>Danh mục</button>' in body
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in body


def test_unit_page_shows_unit_staff_and_children(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.specialist)

    response = client.get(f"/don-vi/{province.long_an.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Phường Long An</h1>" in body
    assert "<code>000.01.30.H53</code>" in body
    assert "Trung tâm Phục vụ hành chính công phường Long An" in body
    assert "<td>Lý Văn Tài</td><td>Chuyên viên</td>" in body
    assert "<td>Lê Minh Quân</td><td>Quản trị hệ thống</td>" in body
    # The province above is not theirs: no breadcrumb link to it.
    assert f'href="/don-vi/{province.province.pk}/"' not in body


def test_unit_page_query_count_is_fixed(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.leader)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/don-vi/{province.province.pk}/")

    # 11 for the page, 1 for the menu (does the person see the dashboard?).
    assert len(queries) == 12


def test_outsider_gets_not_found_for_another_commune(
    client: Client, cast: Cast, province: Province
) -> None:
    login(client, cast.outsider)

    page = client.get(f"/don-vi/{province.long_an.pk}/")
    trail = client.get(f"/don-vi/{province.long_an.pk}/nhat-ky/")

    assert page.status_code == 404
    assert "Không tìm thấy trang" in page.content.decode()
    assert "Phường Long An" not in page.content.decode()
    assert trail.status_code == 404


def test_anonymous_is_sent_to_login(client: Client, province: Province) -> None:
    response = client.get(f"/don-vi/{province.long_an.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/dang-nhap/?next=/don-vi/{province.long_an.pk}/"


def test_menu_by_role(client: Client, cast: Cast, province: Province) -> None:
    anonymous = client.get("/").content.decode()
    login(client, cast.specialist)
    specialist = client.get("/").content.decode()
    grant_role(actor=None, user=cast.specialist, unit=province.justice, role=Role.HEAD)
    head = Client()
    login(head, cast.specialist)
    both = head.get("/").content.decode()
    landing = head.get("/trang-cua-toi/")

    assert '<a href="/thong-ke/cong-khai/">Thống kê</a>' in anonymous
    assert 'href="/lich/han-giai-quyet/"' not in anonymous
    assert '<a href="/thong-ke/cong-khai/">Thống kê</a>' in specialist
    assert '<a href="/ho-so/">Hồ sơ</a>' in specialist
    assert '<a href="/lich/han-giai-quyet/">Tính hạn giải quyết</a>' in specialist
    assert '<a href="/thong-ke/">Thống kê</a>' in both
    assert '<a href="/thong-ke/cong-khai/">Thống kê</a>' not in both
    assert landing["Location"] == "/thong-ke/"


def test_unit_trail_partial(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.specialist)

    response = client.get(f"/don-vi/{province.long_an.pk}/nhat-ky/", HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert "<td>Tạo đơn vị</td>" in body
    assert "organisation.unit_created" not in body
    assert "<td>Hệ thống</td>" in body


def test_due_calculator_htmx_partial(client: Client, db: None) -> None:
    response = client.get(
        "/lich/han-giai-quyet/",
        {"start": "2026-02-13T09:00", "amount": "1", "unit": "days"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "<strong>09:00, Thứ 2 23/02/2026</strong>" in response.content.decode()


def test_due_calculator_page_without_javascript(client: Client, db: None) -> None:
    response = client.get(
        "/lich/han-giai-quyet/", {"start": "2026-08-28T16:00", "amount": "2", "unit": "hours"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" in body
    assert "<strong>08:30, Thứ 7 29/08/2026</strong>" not in body
    assert "<strong>08:30, Thứ 2 31/08/2026</strong>" not in body
    assert "<strong>08:30, Thứ 5 03/09/2026</strong>" in body


def test_due_calculator_bad_input(client: Client, db: None) -> None:
    bad_start = client.get("/lich/han-giai-quyet/", {"start": "hôm nay", "amount": "1"})
    bad_amount = client.get("/lich/han-giai-quyet/", {"start": "2026-02-13T09:00", "amount": "năm"})
    negative = client.get("/lich/han-giai-quyet/", {"start": "2026-02-13T09:00", "amount": "-1"})

    assert bad_start.status_code == 422
    assert (
        "Thời điểm tiếp nhận không đúng định dạng ngày/tháng/năm giờ:phút (ví dụ 13/02/2026 09:00)."
        in bad_start.content.decode()
    )
    assert bad_amount.status_code == 422
    assert "Thời hạn phải là một số (ví dụ 5 hoặc 0.5)." in bad_amount.content.decode()
    assert negative.status_code == 422
    assert "Thời hạn không được là số âm." in negative.content.decode()


def test_unknown_api_path_answers_json(client: Client, db: None) -> None:
    response = client.get("/api/v1/khong-co")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy."}


def test_health(client: Client, db: None) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok"}


def test_due_calculator_from_the_menu_shows_no_error_before_input(client: Client, db: None) -> None:
    response = client.get("/lich/han-giai-quyet/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "ISO 8601" not in body
    assert 'role="alert"' not in body
    assert 'placeholder="ngày/tháng/năm giờ:phút"' in body


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("13/02/2026 09:00", "09:00, Thứ 2 23/02/2026"),
        ("13/2/2026", "17:00, Thứ 6 13/02/2026"),  # from 07:30, the day's start
        ("2026-02-13T09:00", "09:00, Thứ 2 23/02/2026"),
    ],
)
def test_due_calculator_accepts_vietnamese_dates(
    client: Client, db: None, typed: str, due: str
) -> None:
    response = client.get("/lich/han-giai-quyet/", {"start": typed, "amount": "1"})

    assert response.status_code == 200
    assert f"<strong>{due}</strong>" in response.content.decode()


def test_due_calculator_refuses_an_impossible_date(client: Client, db: None) -> None:
    response = client.get("/lich/han-giai-quyet/", {"start": "31/02/2026", "amount": "1"})

    assert response.status_code == 422
    assert "ví dụ 13/02/2026 09:00" in response.content.decode()
