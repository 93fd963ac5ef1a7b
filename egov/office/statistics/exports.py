"""The statistics as tables: one layout for the page, the XLSX and the PDF."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from egov.office.statistics.figures import Incoming, Outgoing, Report
from egov.platform.accounts.models import User
from egov.platform.printing import PdfRenderer
from egov.platform.printing.downloads import audited_download

renderer = PdfRenderer(Path(__file__).resolve().parent / "printing" / "templates")

UNIT_HEADERS = (
    "Đơn vị",
    "VB đến",
    "Đến điện tử",
    "Đến bản giấy",
    "Lãnh đạo phân công trên hệ thống",
    "Tỷ lệ phân công trên hệ thống (%)",
    "Xử lý đúng hạn",
    "Xử lý trễ hạn",
    "Đang xử lý",
    "Trong đó quá hạn",
    "Đến có chữ ký số hợp lệ",
    "VB đi",
    "Đi điện tử",
    "Đi bản giấy",
    "Đi có chữ ký số",
    "Tỷ lệ VB đi ký số (%)",
)
PERSON_HEADERS = (
    "Người xử lý",
    "Đơn vị",
    "Được giao chủ trì",
    "Đúng hạn",
    "Trễ hạn",
    "Đang xử lý",
    "Trong đó quá hạn",
)


def _cells(incoming: Incoming, outgoing: Outgoing) -> list[int | float | str]:
    routed = incoming.routed_percent
    return [
        incoming.received,
        incoming.electronic,
        incoming.paper,
        incoming.routed,
        "" if routed is None else routed,
        incoming.on_time,
        incoming.late,
        incoming.open,
        incoming.overdue,
        incoming.signed,
        outgoing.issued,
        outgoing.electronic,
        outgoing.paper,
        outgoing.signed,
        "" if outgoing.signed_percent is None else outgoing.signed_percent,
    ]


def unit_rows(report: Report) -> list[list[int | float | str]]:
    """One row per issuing body, then the total (the table of the page and the files)."""
    rows: list[list[int | float | str]] = [
        [row.unit.name, *_cells(row.incoming, row.outgoing)] for row in report.units
    ]
    rows.append(["Tổng cộng", *_cells(report.incoming, report.outgoing)])
    return rows


def person_rows(report: Report) -> list[list[int | float | str]]:
    return [
        [
            person.user.display_name,
            person.unit.name if person.unit else "",
            person.assigned,
            person.on_time,
            person.late,
            person.open,
            person.overdue,
        ]
        for person in report.people
    ]


def title(report: Report) -> str:
    return (
        f"THỐNG KÊ VĂN BẢN ĐẾN, VĂN BẢN ĐI – {report.scope.name.upper()} – "
        f"từ ngày {report.date_from:%d/%m/%Y} đến ngày {report.date_to:%d/%m/%Y}"
    )


def _sheet(sheet: Worksheet, heading: str, headers: tuple[str, ...], rows: list[Any]) -> None:
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(list(headers))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 36
    for index in range(2, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 13
    sheet.freeze_panes = "B3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def to_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    units = workbook.active
    assert units is not None  # noqa: S101 - a new workbook has one sheet
    units.title = "Theo don vi"
    _sheet(units, title(report), UNIT_HEADERS, unit_rows(report))
    people = workbook.create_sheet("Theo nguoi xu ly")
    _sheet(people, title(report), PERSON_HEADERS, person_rows(report))
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_pdf(report: Report) -> bytes:
    return renderer.pdf(
        "statistics.html",
        {
            "report": report,
            "title": title(report),
            "unit_headers": UNIT_HEADERS,
            "unit_rows": unit_rows(report),
            "person_headers": PERSON_HEADERS,
            "person_rows": person_rows(report),
            "printed_at": timezone.localtime(),
        },
    )


def download(actor: User, report: Report, fmt: str) -> HttpResponse:
    """The file, audited: who took which unit's figures, for which period."""
    return audited_download(
        event_type="office.statistics_exported",
        actor=actor,
        report=report,
        fmt=fmt,
        pdf=to_pdf,
        xlsx=to_xlsx,
    )
