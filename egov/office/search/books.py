"""The incoming register (sổ đăng ký văn bản đến) printed for a period, as PDF and XLSX.

Decree 30/2020/NĐ-CP art. 22 and Appendix IV: the register has these
columns, in this order. They come from a careful transcription of the
appendix, not from the official gazette's text (docs/office.md): they are
data here (`INCOMING_COLUMNS`), so a correction changes one tuple, and the
tests compare the exported headers with it.

In an electronic office the register is kept by the system; the columns of
hand-over ("Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận") are filled
from the handling record: whom the document went to and when, and when the
lead first opened it (an electronic acknowledgement).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from egov.office.documents.models import (
    Direction,
    Holder,
    HolderRole,
    IncomingDocument,
    Register,
    Secrecy,
    Urgency,
)
from egov.office.documents.selectors import visible_incoming
from egov.office.search.errors import SearchError
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, NotFound
from egov.platform.printing import PdfRenderer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
renderer = PdfRenderer(Path(__file__).resolve().parent / "printing" / "templates")

# Who keeps and prints a body's register: its clerks (Decree 30 art. 22),
# and its leaders, who see the whole unit.
BOOK_ROLES = (Role.CLERK, Role.LEADER)


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return value.strftime("%d/%m/%Y")


def _top_holders(document: IncomingDocument) -> list[Holder]:
    """The leader's assignment (not the heads' re-assignments), lead first."""
    order = {HolderRole.LEAD: 0, HolderRole.COORDINATE: 1, HolderRole.INFORMATION: 2}
    top = [h for h in document.holders.all() if h.parent_id is None]
    return sorted(top, key=lambda h: (order.get(HolderRole(h.role), 3), h.pk))


def _recipients(document: IncomingDocument) -> str:
    holders = _top_holders(document)
    if not holders:
        # Not assigned yet: it went to the leader it was presented to.
        return document.leader.display_name
    names = []
    for holder in holders:
        who = holder.user.display_name if holder.user is not None else str(holder.unit)
        names.append(f"{who} ({holder.get_role_display()})")
    return "; ".join(names)


def _handed_on(document: IncomingDocument) -> str:
    return _day(document.assigned_at or document.created_at)


def _acknowledged(document: IncomingDocument) -> str:
    read = [h.read_at for h in _top_holders(document) if h.read_at is not None]
    if not read:
        return ""
    return _("Đã nhận điện tử %(at)s") % {
        "at": timezone.localtime(min(read)).strftime("%H:%M %d/%m/%Y")
    }


def _note(document: IncomingDocument) -> str:
    parts = [str(document.get_channel_display())]
    if document.urgency != Urgency.NORMAL:
        parts.append(str(document.get_urgency_display()))
    if document.secrecy != Secrecy.NONE:
        parts.append(str(document.get_secrecy_display()))
    return ", ".join(parts)


@dataclass(frozen=True)
class Column:
    label: str
    width: int  # characters in the XLSX, and the PDF's relative width
    value: Callable[[IncomingDocument], str | int]


# Decree 30/2020, Appendix IV: sổ đăng ký văn bản đến, in order.
INCOMING_COLUMNS: tuple[Column, ...] = (
    Column("Ngày đến", 15, lambda d: _day(d.arrived_at)),
    Column("Số đến", 7, lambda d: d.arrival_number),
    Column("Tác giả", 18, lambda d: d.sender),
    Column("Số, ký hiệu văn bản", 15, lambda d: d.notation),
    Column("Ngày tháng văn bản", 15, lambda d: _day(d.issued_on)),
    Column(
        "Tên loại và trích yếu nội dung văn bản",
        30,
        lambda d: f"{d.document_type.name}: {d.summary}",
    ),
    Column("Đơn vị hoặc người nhận", 22, _recipients),
    Column("Ngày chuyển", 15, _handed_on),
    Column("Ký nhận", 13, _acknowledged),
    Column("Ghi chú", 11, _note),
)


@dataclass(frozen=True)
class Book:
    register: Register
    date_from: date
    date_to: date
    rows: list[list[str | int]]

    @property
    def headers(self) -> list[str]:
        return [column.label for column in INCOMING_COLUMNS]

    @property
    def numbers(self) -> tuple[int, int] | None:
        """The first and last arrival numbers in the period ("Từ số ... đến số ...")."""
        found = [int(row[1]) for row in self.rows]
        return (min(found), max(found)) if found else None

    @property
    def filename(self) -> str:
        return f"so-van-ban-den-{self.register.year}-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}"


def book_register(user: User, register_id: int) -> Register:
    """The incoming register, if `user` keeps or oversees it; NotFound otherwise."""
    register = (
        Register.objects.select_related("body", "body__parent")
        .filter(pk=register_id, direction=Direction.INCOMING)
        .first()
    )
    if register is None or not has_role_over(user, register.body, BOOK_ROLES):
        raise NotFound(SearchError.REGISTER_NOT_FOUND, _("Không tìm thấy sổ văn bản đến."))
    return register


def books_for(user: User) -> list[Register]:
    """The incoming registers `user` may print, newest year first."""
    registers = Register.objects.filter(direction=Direction.INCOMING).select_related("body")
    return [
        register
        for register in registers.order_by("-year", "body__path", "confidential", "name")
        if has_role_over(user, register.body, BOOK_ROLES)
    ]


def period(register: Register, date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """The period to print: the register's whole year by default."""
    start = date_from or date(register.year, 1, 1)
    end = date_to or date(register.year, 12, 31)
    if start > end:
        raise InvalidInput(
            SearchError.INVALID_PERIOD, _("“Từ ngày” phải trước hoặc bằng “đến ngày”.")
        )
    return start, end


def incoming_book(
    *, actor: User, register: Register, date_from: date | None, date_to: date | None, fmt: str
) -> Book:
    """The register's rows for the period, as `actor` may see them; the export is audited."""
    start, end = period(register, date_from, date_to)
    documents = (
        visible_incoming(actor)
        .filter(
            register=register,
            arrived_at__date__gte=start,
            arrived_at__date__lte=end,
        )
        .select_related("document_type", "leader")
        .prefetch_related(
            Prefetch("holders", queryset=Holder.objects.select_related("unit", "user"))
        )
        .order_by("arrival_number")
    )
    rows = [[column.value(document) for column in INCOMING_COLUMNS] for document in documents]
    book = Book(register=register, date_from=start, date_to=end, rows=rows)
    with transaction.atomic(durable=True):
        record_event(
            event_type="office.register_book_exported",
            actor=actor,
            target=register,
            unit=register.body,
            details={
                "format": fmt,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "rows": len(rows),
            },
        )
    return book


def _context(book: Book) -> dict[str, Any]:
    body = book.register.body
    total = sum(column.width for column in INCOMING_COLUMNS)
    return {
        "book": book,
        "body": body,
        "parent_name": body.parent.name if body.parent else "",
        "columns": [
            {"label": column.label, "percent": f"{100 * column.width / total:.2f}"}
            for column in INCOMING_COLUMNS
        ],
        "printed_at": timezone.localtime(),
    }


def to_pdf(book: Book) -> bytes:
    """A4 landscape, the columns of the appendix, headers repeated on every page."""
    return renderer.pdf("incoming_book.html", _context(book))


def to_xlsx(book: Book) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has one sheet
    sheet.title = "So van ban den"
    numbers = book.numbers
    heading = [
        ["SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"],
        [f"{book.register.body.name} · {book.register.name}"],
        [
            f"Năm {book.register.year} · Từ ngày {_day(book.date_from)} đến ngày "
            f"{_day(book.date_to)}"
            + (f" · Từ số {numbers[0]} đến số {numbers[1]}" if numbers else "")
        ],
    ]
    for line in heading:
        sheet.append(line)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(book.headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in book.rows:
        sheet.append(row)
    for index, column in enumerate(INCOMING_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for cells in sheet.iter_rows(min_row=header_row + 1):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{header_row}:{header_row}"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def download(book: Book, fmt: str) -> HttpResponse:
    """The book as the page and the API hand it out: the PDF inline, the XLSX as a file."""
    if fmt == "pdf":
        response = HttpResponse(to_pdf(book), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{book.filename}.pdf"'
    else:
        response = HttpResponse(to_xlsx(book), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{book.filename}.xlsx"'
    return response
