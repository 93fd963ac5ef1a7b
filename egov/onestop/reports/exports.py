"""Tables to XLSX (openpyxl) and PDF (WeasyPrint, offline, embedded DejaVu fonts).

XLSX keeps numbers as numbers, with Vietnamese headers and number formats
(1.234 · 87,5% · 1,2 days, as the reader's Excel shows them); one sheet per
table. The PDF is rendered by egov/onestop/dossiers/printing/render.py's
`html_to_pdf`, whose URL fetcher reads local fonts only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from egov.onestop.dossiers.printing.render import html_to_pdf
from egov.onestop.reports.tables import Share, Table
from egov.platform.workcalendar.deadlines import VN_TZ

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="E6E9ED")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _cell(value: Any) -> tuple[Any, str | None]:
    """The value to store and its number format."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int):
        return value, "#,##0"
    if isinstance(value, Share):
        return float(value), "0.0%"
    if isinstance(value, Decimal):
        places = max(-int(value.as_tuple().exponent), 0)
        return float(value), "#,##0" + ("." + "0" * places if places else "")
    if isinstance(value, datetime):
        # Excel has no time zones: the local time, as on the page.
        return value.astimezone(VN_TZ).replace(tzinfo=None), "dd/mm/yyyy hh:mm"
    if isinstance(value, date):
        return value, "dd/mm/yyyy"
    return str(value), None


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title)[:28].strip() or "Bang"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]} ({n})", n + 1
    used.add(name)
    return name


def to_xlsx(tables: Sequence[Table], heading: str, subtitle: str) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([f"{heading} · {subtitle}"])
        sheet["A2"].font = Font(italic=True)
        sheet.append(table.headers)
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for bold, rows in ((False, table.rows), (True, table.footer)):
            for row in rows:
                stored = [_cell(v) for v in row]
                sheet.append([value for value, _fmt in stored])
                for cell, (_value, fmt) in zip(sheet[sheet.max_row], stored, strict=True):
                    if fmt:
                        cell.number_format = fmt
                    if bold:
                        cell.font = Font(bold=True)
        if table.note:
            sheet.append([])
            sheet.append([table.note])
            sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=False)
        sheet.freeze_panes = sheet.cell(header_row + 1, 1)
        for index, header in enumerate(table.headers, start=1):
            longest = max(
                [len(str(header))]
                + [len(str(row[index - 1] or "")) for row in [*table.rows, *table.footer]]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 10), 60)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_pdf(tables: Sequence[Table], heading: str, subtitle: str, **extra: Any) -> bytes:
    # In the active language, as the tables' cells were built: a report
    # mixing English rows with a Vietnamese chart legend reads as a bug.
    html = render_to_string(
        "reports/pdf.html",
        {"tables": tables, "heading": heading, "subtitle": subtitle, **extra},
    )
    return html_to_pdf(html)


CONTENT_TYPES = {"xlsx": XLSX, "pdf": "application/pdf"}


def render(fmt: str, tables: Sequence[Table], heading: str, subtitle: str, **extra: Any) -> bytes:
    """The XLSX or PDF file of the tables (`fmt` is "xlsx" or "pdf")."""
    if fmt == "xlsx":
        return to_xlsx(tables, heading, subtitle)
    return to_pdf(tables, heading, subtitle, **extra)


def attachment(content: bytes, fmt: str, name: str) -> HttpResponse:
    """A download of `content` as the file `name` (with its extension)."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    return response


def download(
    fmt: str, tables: Sequence[Table], heading: str, subtitle: str, filename: str, **extra: Any
) -> HttpResponse:
    """An XLSX or PDF response of the tables (`fmt` is "xlsx" or "pdf")."""
    return attachment(render(fmt, tables, heading, subtitle, **extra), fmt, f"{filename}.{fmt}")
