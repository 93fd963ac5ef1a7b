from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egov.conftest import PASSWORD, Province
from egov.onestop.procedures.importers import import_procedures
from egov.onestop.procedures.models import Field, Procedure, Process
from egov.onestop.procedures.tests.factories import birth_row, copy_row, write_json
from egov.platform.accounts.models import AccountKind
from egov.platform.accounts.services import create_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(tmp_path: Path) -> None:
    rows = [
        birth_row(),
        copy_row(),
        copy_row(
            code="2.002000",
            name="Đăng ký hộ kinh doanh",
            field="Hộ kinh doanh",
            level="province",
            fee_vnd=0,
            charge_vnd=100000,
        ),
    ]
    report = import_procedures(write_json(tmp_path, rows))
    assert report.rejected == []


def _codes(client: Client, **params: str) -> list[str]:
    response = client.get("/thu-tuc/", params)
    assert response.status_code == 200
    return [p.code for p in response.context["page"].object_list]


def test_search_ignores_diacritics_and_d(client: Client, catalogue: None) -> None:
    assert _codes(client, q="dang ky khai sinh") == ["1.001193"]
    assert _codes(client, q="ĐĂNG KÝ") == ["2.002000", "1.001193"]
    assert _codes(client, q="  Chung   THUC ") == ["2.000815"]
    assert _codes(client, q="1.0011") == ["1.001193"]
    assert _codes(client, q="khai sinh kinh doanh") == []


def test_filters_by_field_and_level(client: Client, catalogue: None) -> None:
    civil = Field.objects.get(name="Hộ tịch")

    assert _codes(client, field=str(civil.pk)) == ["1.001193"]
    assert _codes(client, level="province") == ["2.002000"]
    assert _codes(client, level="commune", q="dang ky") == ["1.001193"]
    assert _codes(client, level="bogus", field="x") == ["2.000815", "2.002000", "1.001193"]


def test_filter_by_deciding_agency(client: Client, catalogue: None, province: Province) -> None:
    birth = Procedure.objects.get(code="1.001193")
    Process.objects.create(procedure=birth, agency=province.long_an, name="Khai sinh")
    Process.objects.create(
        procedure=birth, agency=province.tan_ninh, name="Khai sinh (ngừng)", is_active=False
    )

    page = client.get("/thu-tuc/").content.decode()

    assert _codes(client, agency=str(province.long_an.pk)) == ["1.001193"]
    assert _codes(client, agency=str(province.tan_ninh.pk)) == []
    assert f'<option value="{province.long_an.pk}">Phường Long An</option>' in page
    assert "Phường Tân Ninh</option>" not in page


def test_list_page_query_count_is_pinned(client: Client, catalogue: None) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/thu-tuc/", {"q": "dang ky"})

    assert response.status_code == 200
    # Fields and agencies for the filters, the count for the pager, the page.
    assert len(queries) == 4
    content = response.content.decode()
    assert "Tìm thấy 2 thủ tục." in content
    assert 'href="/thu-tuc/1.001193/"' in content


def test_detail_shows_documents_time_fees_and_channels(client: Client, catalogue: None) -> None:
    response = client.get("/thu-tuc/2.000815/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Chứng thực bản sao từ bản chính</h1>" in content
    assert "1 ngày làm việc" in content
    assert "Phí: 2.000 đồng" in content
    assert "Lệ phí:" not in content
    assert "<td>Bản sao</td>\n        <td>0</td>\n        <td>1</td>" in content
    assert '<span class="tag">Trực tiếp</span>' in content
    assert "Trực tuyến</span>" not in content
    assert "<strong>Một phần</strong>" in content
    assert "Bản sao được chứng thực" in content


def test_detail_of_a_free_same_day_procedure(client: Client, catalogue: None) -> None:
    content = client.get("/thu-tuc/1.001193/").content.decode()

    assert "4 giờ làm việc" in content
    assert '<p class="result">Miễn phí</p>' in content
    assert "Luật Hộ tịch 2014" in content
    assert "<strong>Toàn trình</strong>" in content
    assert "Mẫu: Tờ khai" in content


def test_detail_formats_charge(client: Client, catalogue: None) -> None:
    content = client.get("/thu-tuc/2.002000/").content.decode()

    assert "Lệ phí: 100.000 đồng" in content
    assert "Phí: " not in content


def test_unknown_code_is_not_found(client: Client, catalogue: None) -> None:
    assert client.get("/thu-tuc/9.999999/").status_code == 404


def test_kiosk_renders_without_navigation(client: Client, catalogue: None) -> None:
    response = client.get("/thu-tuc/kiosk/", {"q": "khai sinh"})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="kiosk"' in content
    assert 'class="topbar"' not in content
    assert 'data-key="Q"' in content
    assert 'href="/thu-tuc/kiosk/1.001193/"' in content
    detail = client.get("/thu-tuc/kiosk/1.001193/").content.decode()
    assert 'class="topbar"' not in detail
    assert "Quay lại danh sách" in detail


def test_kiosk_query_parameter_variant(client: Client, catalogue: None) -> None:
    content = client.get("/thu-tuc/", {"kiosk": "1"}).content.decode()

    assert 'class="kiosk"' in content
    assert 'class="topbar"' not in content


def test_apply_online_is_offered_to_citizens_not_to_staff(
    client: Client, catalogue: None, province: Province
) -> None:
    Procedure.objects.filter(code="1.001193").update(channel_online=True, online_class="full")
    anonymous = client.get("/thu-tuc/1.001193/").content.decode()
    citizen = Client()
    citizen.force_login(
        create_account(
            actor=None,
            username="congdan",
            password=PASSWORD,
            full_name="Trần Văn An",
            kind=AccountKind.CITIZEN,
            id_number="072090001234",
        )
    )
    officer = Client()
    officer.force_login(
        create_account(actor=None, username="cb", password=PASSWORD, full_name="Cán bộ")
    )

    apply_link = '<a class="button" href="/dich-vu-cong/nop/1.001193/">Nộp hồ sơ trực tuyến</a>'
    assert apply_link in anonymous
    assert apply_link in citizen.get("/thu-tuc/1.001193/").content.decode()
    assert "Nộp hồ sơ trực tuyến" not in officer.get("/thu-tuc/1.001193/").content.decode()
