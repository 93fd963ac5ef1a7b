"""A leader's figures of feedback, petitions and receptions per unit and period."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from egov.conftest import Cast, Province, login
from egov.platform.audit.models import AuditEvent
from egov.voice.complaints.tests.conftest import DENOUNCER
from egov.voice.feedback.tests.conftest import VN
from egov.voice.statistics import figures

pytestmark = pytest.mark.django_db

LATER = datetime(2026, 5, 20, 9, 0, tzinfo=VN)


def test_the_report_counts_per_unit_channel_field_and_source(
    province: Province, activity: None
) -> None:
    report = figures.report(
        scope=province.province, date_from=date(2026, 5, 1), date_to=date(2026, 5, 31), now=LATER
    )

    rows = {table.key: table.rows for table in report.tables}
    # The classification of the two items left waiting was due on Wednesday 6/5.
    assert rows["feedback_units"] == [
        ["Phường Long An", 2, 0, 1, 1, 1, 1, 1, 50.0, 50.0],
        ["Phường Tân Ninh", 1, 0, 1, 0, 0, 1, 0, 0.0, 0.0],
        ["Tổng cộng", 3, 0, 2, 1, 1, 2, 1, 33.3, 33.3],
    ]
    assert rows["feedback_channels"] == [
        ["Trực tuyến", 2, 1, 1, 1],
        ["Tại bộ phận tiếp nhận", 1, 0, 0, 1],
        ["Tổng cộng", 3, 1, 1, 2],
    ]
    assert rows["feedback_fields"] == [
        ["Chưa xác định lĩnh vực", 1, 0, 0, 1],
        ["Đất đai", 1, 0, 0, 1],
        ["Hộ tịch", 1, 1, 1, 0],
        ["Tổng cộng", 3, 1, 1, 2],
    ]
    # Both petitions are past their acceptance deadline on 20/5 (7 working
    # days for the denunciation, 10 days for the complaint).
    assert rows["petitions_units"] == [
        ["Phường Long An", 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1],
        ["Phường Tân Ninh", 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1],
        ["Tổng cộng", 2, 1, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 2],
    ]
    assert rows["petitions_channels"] == [
        ["Trực tiếp tại nơi tiếp công dân", 1, 0, 0, 0, 1],
        ["Qua bưu chính", 1, 0, 0, 0, 1],
        ["Tổng cộng", 2, 0, 0, 0, 2],
    ]
    assert rows["receptions_units"] == [
        ["Phường Long An", 2, 7, 1, 1, 0, 1, 1, 0, 1, 0],
        ["Tổng cộng", 2, 7, 1, 1, 0, 1, 1, 0, 1, 0],
    ]
    assert DENOUNCER not in repr(report)


def test_a_unit_s_report_holds_only_its_subtree(province: Province, activity: None) -> None:
    report = figures.report(
        scope=province.tan_ninh, date_from=date(2026, 5, 1), date_to=date(2026, 5, 31), now=LATER
    )
    assert [row[0] for table in report.tables for row in table.rows] == [
        "Phường Tân Ninh",
        "Tổng cộng",
        "Trực tuyến",
        "Tổng cộng",
        "Chưa xác định lĩnh vực",
        "Tổng cộng",
        "Phường Tân Ninh",
        "Tổng cộng",
        "Trực tiếp tại nơi tiếp công dân",
        "Tổng cộng",
        "Tổng cộng",
    ]
    assert (report.feedback.received, report.petitions["received"], report.receptions) == (1, 1, 0)


def test_the_leader_sees_the_page_and_takes_the_xlsx(
    client: Client, province: Province, cast: Cast, activity: None
) -> None:
    login(client, cast.leader)
    query = {"tu": "01/05/2026", "den": "31/05/2026"}

    page = client.get(reverse("voice_statistics:statistics"), query)
    download = client.get(reverse("voice_statistics:statistics-xlsx"), query)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Phản ánh, kiến nghị theo đơn vị" in html
    assert 'data-label="Tiếp nhận">3</td>' in html
    assert DENOUNCER not in html
    assert download.status_code == 200
    assert download["Content-Disposition"] == (
        'attachment; filename="thong-ke-tiep-dan-20260501-20260531.xlsx"'
    )
    book = load_workbook(BytesIO(download.content))
    assert book.sheetnames == [
        "PAKN theo đơn vị",
        "PAKN theo hình thức gửi",
        "PAKN theo lĩnh vực",
        "Đơn theo đơn vị",
        "Đơn theo nguồn đơn",
        "Tiếp công dân",
    ]
    sheet = book["Tiếp công dân"]
    assert sheet["A1"].value == (
        "TIẾP CÔNG DÂN THEO ĐƠN VỊ – Tỉnh Tây Ninh – từ ngày 01/05/2026 đến ngày 31/05/2026"
    )
    assert [c.value for c in sheet[4]] == ["Tổng cộng", 2, 7, 1, 1, 0, 1, 1, 0, 1, 0]
    exported = AuditEvent.objects.get(event_type="voice.statistics_exported")
    assert (exported.actor, exported.unit, exported.details) == (
        cast.leader,
        province.province,
        {"format": "xlsx", "from": "2026-05-01", "to": "2026-05-31"},
    )


def test_the_leader_takes_the_pdf_with_the_same_figures(
    client: Client, province: Province, cast: Cast, activity: None
) -> None:
    login(client, cast.leader)
    query = {"tu": "01/05/2026", "den": "31/05/2026"}

    page = client.get(reverse("voice_statistics:statistics"), query)
    download = client.get(reverse("voice_statistics:statistics-pdf"), query)

    assert 'href="/thong-ke-tiep-dan/pdf/?tu=01%2F05%2F2026' in page.content.decode()
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        'inline; filename="thong-ke-tiep-dan-20260501-20260531.pdf"'
    )
    text = "\n".join(sheet.extract_text() for sheet in PdfReader(BytesIO(download.content)).pages)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "THỐNG KÊ TIẾP CÔNG DÂN, PHẢN ÁNH KIẾN NGHỊ, ĐƠN THƯ" in lines
    assert "Từ ngày 01/05/2026 đến ngày 31/05/2026" in lines
    # The reception table's total, as in the XLSX: 2 visits, 7 people, ...
    assert "Tổng cộng 2 7 1 1 0 1 1 0 1 0" in lines
    assert DENOUNCER not in text
    exported = AuditEvent.objects.get(event_type="voice.statistics_exported")
    assert (exported.actor, exported.details) == (
        cast.leader,
        {"format": "pdf", "from": "2026-05-01", "to": "2026-05-31"},
    )


def test_a_start_after_the_end_is_refused_with_a_message(
    client: Client, cast: Cast, activity: None
) -> None:
    login(client, cast.leader)
    url = reverse("voice_statistics:statistics-xlsx")
    response = client.get(url, {"tu": "31/05/2026", "den": "01/05/2026"})
    assert response.status_code == 422
    assert "“Từ ngày” phải trước hoặc bằng “đến ngày”." in response.content.decode()
    assert not AuditEvent.objects.filter(event_type="voice.statistics_exported").exists()


@pytest.mark.parametrize("name", ["statistics-xlsx", "statistics-pdf"])
def test_those_without_a_reporting_role_or_outside_the_unit_are_denied(
    client: Client, province: Province, cast: Cast, activity: None, name: str
) -> None:
    url = reverse(f"voice_statistics:{name}")
    statuses = []
    # A specialist, a citizen, and a head of another body asking for Tân Ninh.
    for user, query in (
        (cast.specialist, {}),
        (cast.citizen, {}),
        (cast.head, {"don_vi": province.tan_ninh.pk}),
    ):
        login(client, user)
        statuses.append(client.get(url, query).status_code)
        client.logout()
    statuses.append(client.get(url).status_code)

    assert statuses[:3] == [404, 404, 422]
    assert statuses[3] == 302
    assert not AuditEvent.objects.filter(event_type="voice.statistics_exported").exists()
