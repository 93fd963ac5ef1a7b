"""Every table downloads as XLSX (exact cells, formats) and PDF (figures, embedded fonts)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from io import BytesIO

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from egov.conftest import Province, login
from egov.onestop.dossiers.printing.tests.pdf import fonts, text
from egov.onestop.dossiers.tests.conftest import Desk
from egov.onestop.reports.exports import XLSX
from egov.onestop.reports.tests.conftest import at
from egov.onestop.reports.tests.test_views import LONG_AN_LATE, MARCH, PUBLIC, URL
from egov.onestop.reports.tests.test_views import data as data  # noqa: F401 - the fixture


@pytest.fixture
def leader(client: Client, desk: Desk) -> Iterator[Client]:
    login(client, desk.commune_leader)
    with time_machine.travel(at(4, 15, 9), tick=False):
        yield client


def _book(content: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(BytesIO(content))


def test_dashboard_xlsx_has_a_sheet_per_table(
    leader: Client, province: Province, data: None
) -> None:
    response = leader.get(URL, {**MARCH, "dinh_dang": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    unit = response.wsgi_request.GET.get("don_vi") or province.long_an.pk
    assert response["Content-Disposition"] == (
        f'attachment; filename="thong-ke-{unit}-20260301-20260331.xlsx"'
    )
    book = _book(response.content)
    assert book.sheetnames == [
        "Tình hình tiếp nhận, giải qu",
        "Bộ chỉ số phục vụ người dân,",
        "Diễn biến theo tháng",
        "Hồ sơ đang quá hạn cần đôn đ",
        "Hồ sơ đang giữ theo cán bộ",
    ]
    summary = book["Tình hình tiếp nhận, giải qu"]
    assert summary["A1"].value == "Tình hình tiếp nhận, giải quyết hồ sơ"
    assert summary["A2"].value == "Phường Long An · Từ 01/03/2026 đến 31/03/2026"
    assert [c.value for c in summary[3]] == ["Chỉ tiêu", "Số liệu"]
    assert [c.value for c in summary[4]] == ["Tổng số hồ sơ tiếp nhận", 5]
    assert summary["B4"].number_format == "#,##0"
    assert [c.value for c in summary[24]] == ["Tỷ lệ giải quyết trước hạn, đúng hạn", 0.75]
    assert summary["B24"].number_format == "0.0%"
    assert summary["A25"].value == "Thời gian giải quyết trung bình (ngày làm việc)"
    assert summary["B25"].number_format == "#,##0.0"


def test_one_table_as_xlsx(leader: Client, data: None) -> None:
    response = leader.get(URL, {**MARCH, "dinh_dang": "xlsx", "bang": "qua-han"})

    book = _book(response.content)
    assert book.sheetnames == ["Hồ sơ đang quá hạn cần đôn đ"]
    sheet = book.active
    assert [c.value for c in sheet[3]] == [
        "Mã hồ sơ",
        "Thủ tục",
        "Đơn vị đang giữ",
        "Người xử lý",
        "Hạn giải quyết",
        "Quá hạn (ngày làm việc)",
    ]
    assert [c.value for c in sheet[4]] == [
        LONG_AN_LATE,
        "Thủ tục đăng ký khai sinh",
        "Phường Long An",
        "Lý Văn Tài",
        datetime(2026, 3, 27, 8, 0),  # noqa: DTZ001 - Excel keeps local, naive times
        13.1,
    ]
    assert sheet["E4"].number_format == "dd/mm/yyyy hh:mm"
    assert "-qua-han.xlsx" in response["Content-Disposition"]


def test_unknown_table_is_not_found(leader: Client, data: None) -> None:
    response = leader.get(URL, {**MARCH, "dinh_dang": "xlsx", "bang": "khong-co"})

    assert response.status_code == 404


def test_dashboard_pdf_holds_the_figures_with_embedded_fonts(leader: Client, data: None) -> None:
    response = leader.get(URL, {**MARCH, "dinh_dang": "pdf"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = text(response.content)
    assert "Phường Long An Từ 01/03/2026 đến 31/03/2026" in content
    assert "Tổng số hồ sơ tiếp nhận 5" in content
    assert "Tỷ lệ giải quyết trước hạn, đúng hạn 75,0%" in content
    assert f"{LONG_AN_LATE} Thủ tục đăng ký khai sinh Phường Long An Lý Văn Tài" in content
    assert "CHƯA ĐƯỢC ĐỐI CHIẾU" in content
    assert fonts(response.content) and all(fonts(response.content).values())


def test_public_xlsx_and_pdf(client: Client, province: Province, data: None) -> None:
    with time_machine.travel(at(4, 15, 9), tick=False):
        xlsx = client.get(PUBLIC, {"dinh_dang": "xlsx", "bang": "don-vi"})
        pdf = client.get(PUBLIC, {"dinh_dang": "pdf"})

    sheet = _book(xlsx.content).active
    assert sheet["A2"].value == "Tỉnh Tây Ninh · Năm 2026 (Từ 01/01/2026 đến 15/04/2026)"
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_row=6)] == [
        [
            "Cơ quan, đơn vị",
            "Tiếp nhận",
            "Nộp trực tuyến",
            "Đã giải quyết",
            "Trước hạn, đúng hạn",
            "Quá hạn",
            "Đang giải quyết",
            "Tỷ lệ đúng hạn",
        ],
        ["Phường Long An", 7, 2, 4, 3, 1, 3, 0.75],
        ["Phường Tân Ninh", 1, 0, 0, 0, 0, 1, None],
        ["Tổng cộng", 8, 2, 4, 3, 1, 4, 0.75],
    ]
    content = text(pdf.content)
    assert "Kết quả theo cơ quan, đơn vị" in content
    assert "Phường Long An 7 2 4 3 1 3 75,0%" in content
    assert "Lý Văn Tài" not in content
