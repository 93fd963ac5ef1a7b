"""The report as an XLSX workbook (one sheet per table) or a PDF, with the page's rows."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from egov.platform.accounts.models import User
from egov.platform.printing import PdfRenderer
from egov.platform.printing.downloads import audited_download
from egov.voice.statistics.figures import Report, Table

renderer = PdfRenderer(Path(__file__).resolve().parent / "printing")


def heading(report: Report, table: Table) -> str:
    return (
        f"{table.title.upper()} – {report.scope.name} – "
        f"từ ngày {report.date_from:%d/%m/%Y} đến ngày {report.date_to:%d/%m/%Y}"
    )


def to_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    first = workbook.active
    if first is not None:
        workbook.remove(first)
    for table in report.tables:
        sheet = workbook.create_sheet(table.sheet[:31])
        sheet.append([heading(report, table)])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(list(table.headers))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for row in table.rows:
            sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)  # the total
        sheet.column_dimensions["A"].width = 40
        for index in range(2, len(table.headers) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 13
        sheet.freeze_panes = "B3"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_pdf(report: Report) -> bytes:
    """The same tables as the page and the workbook, each with its total row."""
    return renderer.pdf("statistics.html", {"report": report, "printed_at": timezone.localtime()})


def download(actor: User, report: Report, fmt: str) -> HttpResponse:
    """The file, audited: who took which unit's figures, for which period."""
    return audited_download(
        event_type="voice.statistics_exported",
        actor=actor,
        report=report,
        fmt=fmt,
        pdf=to_pdf,
        xlsx=to_xlsx,
    )
