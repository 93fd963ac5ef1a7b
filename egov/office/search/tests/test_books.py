"""The incoming register book for a period: PDF and XLSX with the appendix columns; who may."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from egov.conftest import Cast, Province, login, make_staff
from egov.office.documents.models import Channel, IncomingDocument, Urgency
from egov.office.documents.services.handling import Assignment, assign_incoming, mark_read
from egov.office.documents.services.incoming import register_incoming
from egov.office.documents.tests.conftest import VN, arrival, doc_type, pdf
from egov.office.search.books import INCOMING_COLUMNS
from egov.platform.accounts.models import Role
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.usefixtures("office")

HEADERS = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
ROWS: list[list[Any]] = [
    [
        "04/03/2026",
        2,
        "Bộ Tư pháp",
        "15/QĐ-BTP",
        "02/03/2026",
        "Quyết định (cá biệt): Về việc hướng dẫn đăng ký hộ tịch trực tuyến",
        "Sở Tư pháp (Chủ trì); Phường Long An (Phối hợp)",
        "05/03/2026",
        "Đã nhận điện tử 10:30 05/03/2026",
        "Bản giấy",
    ],
    [
        "05/03/2026",
        3,
        "Bộ Nội vụ",
        "20/TB-BNV",
        "03/03/2026",
        "Thông báo: Về việc tuyển dụng công chức",
        "Phạm Văn Hùng",
        "05/03/2026",
        "",
        "Điện tử, Khẩn",
    ],
]
PERIOD = "?tu=2026-03-01&den=2026-03-31"


@pytest.fixture
def march(cast: Cast, province: Province) -> Iterator[IncomingDocument]:
    """Three documents: one in February (not in the book), two in March."""
    with time_machine.travel(datetime(2026, 3, 5, 10, 0, tzinfo=VN), tick=False):
        register_incoming(
            actor=cast.clerk,
            body=province.province,
            arrival=arrival(
                notation="1/CV-BTC",
                arrived_at=datetime(2026, 2, 10, 9, 0, tzinfo=VN),
                issued_on=date(2026, 2, 9),
            ),
            file=pdf(),
        )
        first = register_incoming(
            actor=cast.clerk, body=province.province, arrival=arrival(), file=pdf()
        )
        register_incoming(
            actor=cast.clerk,
            body=province.province,
            arrival=arrival(
                channel=Channel.ELECTRONIC,
                arrived_at=datetime(2026, 3, 5, 9, 0, tzinfo=VN),
                sender="Bộ Nội vụ",
                notation="20/TB-BNV",
                issued_on=date(2026, 3, 3),
                document_type=doc_type("TB"),
                summary="Về việc tuyển dụng công chức",
                urgency=Urgency.URGENT,
            ),
            file=pdf(),
        )
        assign_incoming(
            actor=cast.leader,
            document=first,
            assignment=Assignment(
                lead_unit=province.justice, coordinating_units=[province.long_an]
            ),
        )
    with time_machine.travel(datetime(2026, 3, 5, 10, 30, tzinfo=VN), tick=False):
        mark_read(actor=cast.head, document=first)
    yield first


def _url(document: IncomingDocument, fmt: str) -> str:
    return f"/van-ban/so-den/{document.register_id}/{fmt}/{PERIOD}"


def test_the_columns_are_the_appendix_ones() -> None:
    assert [column.label for column in INCOMING_COLUMNS] == HEADERS


def test_the_xlsx_has_the_columns_and_the_rows_of_the_period(
    client: Client, cast: Cast, march: IncomingDocument
) -> None:
    response = login(client, cast.clerk).get(_url(march, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    values = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert values[0][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
    assert values[2][0] == "Năm 2026 · Từ ngày 01/03/2026 đến ngày 31/03/2026 · Từ số 2 đến số 3"
    assert values[3] == HEADERS
    assert values[4:] == ROWS


def test_the_pdf_is_a4_landscape_with_the_columns_and_the_rows(
    client: Client, cast: Cast, province: Province, march: IncomingDocument
) -> None:
    response = login(client, cast.clerk).get(_url(march, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = " ".join(reader.pages[0].extract_text().split())
    expected = " ".join(
        [
            "TỈNH TÂY NINH",
            "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
            "Sổ văn bản đến · Năm 2026",
            "Từ ngày 01/03/2026 đến ngày 31/03/2026 · Từ số 2 đến số 3",
            *HEADERS,
            *(str(cell) for row in ROWS for cell in row if cell != ""),
            "Trang 1/1",
        ]
    )
    assert text == expected


def test_the_export_is_audited(client: Client, cast: Cast, march: IncomingDocument) -> None:
    login(client, cast.clerk).get(_url(march, "xlsx"))
    event = AuditEvent.objects.get(event_type="office.register_book_exported")
    assert (event.actor_id, event.details) == (
        cast.clerk.pk,
        {"format": "xlsx", "from": "2026-03-01", "to": "2026-03-31", "rows": 2},
    )


def test_a_reversed_period_is_refused_with_a_message(
    client: Client, cast: Cast, march: IncomingDocument
) -> None:
    url = f"/van-ban/so-den/{march.register_id}/pdf/?tu=2026-03-31&den=2026-03-01"
    response = login(client, cast.clerk).get(url)
    assert response.status_code == 422
    assert "“Từ ngày” phải trước hoặc bằng “đến ngày”." in response.content.decode()
    assert AuditEvent.objects.filter(event_type="office.register_book_exported").count() == 0


def test_the_register_page_links_the_books_for_clerks(
    client: Client, cast: Cast, march: IncomingDocument
) -> None:
    page = login(client, cast.clerk).get("/van-ban/den/").content.decode()
    assert 'href="/van-ban/so-den/"' in page
    books = client.get("/van-ban/so-den/").content.decode()
    assert f'action="/van-ban/so-den/{march.register_id}/pdf/"' in books
    assert f'formaction="/van-ban/so-den/{march.register_id}/xlsx/"' in books


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_another_units_clerk_and_a_specialist_get_nothing(
    client: Client, cast: Cast, province: Province, march: IncomingDocument, fmt: str
) -> None:
    other_clerk = make_staff("vanthu2", "Hồ Thị Nga", (province.tan_ninh, Role.CLERK))
    before = AuditEvent.objects.count()
    for user in (other_clerk, cast.specialist, cast.head):
        response = login(Client(), user).get(_url(march, fmt))
        assert response.status_code == 404
        assert b"15/Q" not in response.content
        assert "tuyển dụng".encode() not in response.content
        books = login(Client(), user).get("/van-ban/so-den/").content.decode()
        assert f"/van-ban/so-den/{march.register_id}/" not in books
        api = login(Client(), user).get(
            f"/api/v1/office/registers/{march.register_id}/book?format={fmt}"
        )
        assert (api.status_code, api.json()["code"]) == (404, "office_book_register_not_found")
    assert AuditEvent.objects.count() == before
