from __future__ import annotations

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
    assert "<h1>Chính quyền điện tử</h1>" in body
    assert 'href="/dang-nhap/"' in body
    assert 'hx-get="/lich/han-giai-quyet/"' in body
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

    assert len(queries) == 11


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


def test_person_with_several_units_gets_a_list(
    client: Client, cast: Cast, province: Province
) -> None:
    grant_role(actor=None, user=cast.specialist, unit=province.justice, role=Role.HEAD)
    login(client, cast.specialist)

    response = client.get("/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Đơn vị của tôi" in body
    assert f'<a href="/don-vi/{province.long_an.pk}/">Phường Long An</a>' in body
    assert f'<a href="/don-vi/{province.justice.pk}/">Sở Tư pháp</a>' in body


def test_unit_trail_partial(client: Client, cast: Cast, province: Province) -> None:
    login(client, cast.specialist)

    response = client.get(f"/don-vi/{province.long_an.pk}/nhat-ky/", HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert '<td>Tạo đơn vị<br><code class="muted">organisation.unit_created</code></td>' in body
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
        "Thời điểm bắt đầu không đúng định dạng ISO 8601 (ví dụ 2026-02-13T09:00:00+07:00)."
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
