"""A closed file as one PDF and as the XML of its metadata (Decree 30, art. 29 and Appendix VI).

The PDF: a cover page with the file's metadata, a table of contents (mục
lục văn bản) giving the page where each document starts, then every
document's own PDF in the file's order, with a bookmark each. The XML uses
the element names of Appendix VI, which reuses edXML's: FileCode (OrganId,
FileCatalog, FileNotation), Title, Maintenance, Rights, Creator, StartDate,
EndDate, DocTotal, PageTotal, then one Document per item (DocOrdinal,
TypeName, CodeNumber, CodeNotation, IssuedDate, OrganName, Subject,
PageAmount, and for an incoming document ArrivalDate and ArrivalNumber).
Dates are written dd/mm/yyyy, as the appendix gives them.
"""

from __future__ import annotations

import io
import logging
import xml.etree.ElementTree as ET  # noqa: N817 - only writes, never parses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db.models.fields.files import FieldFile
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from egov.office.workfiles.models import WorkFile, WorkFileItem
from egov.office.workfiles.selectors import items, organ_id
from egov.platform.printing import PdfRenderer

logger = logging.getLogger(__name__)

renderer = PdfRenderer(Path(__file__).resolve().parent / "templates")
DATE_FORMAT = "%d/%m/%Y"
NOTE_TYPE = "Ghi chú, tài liệu"


def file_code(work_file: WorkFile) -> str:
    """Mã hồ sơ: the agency code, the year and the file's number and symbol, dot-separated."""
    parts = [organ_id(work_file.file_list.unit), str(work_file.file_list.year), work_file.notation]
    return ".".join(part for part in parts if part)


@dataclass(frozen=True)
class Row:
    """One document of the file as the table of contents and the XML describe it."""

    ordinal: int
    type_name: str
    code_number: str
    code_notation: str
    issued: date | None
    organ_name: str
    subject: str
    page_amount: int
    arrival_date: date | None
    arrival_number: int | None
    file: FieldFile | None

    @property
    def notation(self) -> str:
        return "/".join(part for part in (self.code_number, self.code_notation) if part)


def _split(notation: str) -> tuple[str, str]:
    """`15/QĐ-BTP` → ("15", "QĐ-BTP"): edXML's CodeNumber and CodeNotation."""
    number, slash, rest = notation.partition("/")
    return (number, rest) if slash else ("", notation)


def row(item: WorkFileItem) -> Row:
    document = item.incoming
    if document is not None:
        number, notation = _split(document.notation)
        return Row(
            ordinal=item.ordinal,
            type_name=document.document_type.name,
            code_number=number,
            code_notation=notation,
            issued=document.issued_on,
            organ_name=document.sender,
            subject=document.summary,
            page_amount=document.pages,
            arrival_date=timezone.localtime(document.arrived_at).date(),
            arrival_number=document.arrival_number,
            file=document.file,
        )
    return Row(
        ordinal=item.ordinal,
        type_name=NOTE_TYPE,
        code_number="",
        code_notation="",
        issued=item.note_date,
        organ_name=item.added_by.display_name if item.added_by_id else "",
        subject=item.note,
        page_amount=item.note_pages,
        arrival_date=None,
        arrival_number=None,
        file=item.note_file if item.note_file.name else None,
    )


def rows(work_file: WorkFile) -> list[Row]:
    return [row(item) for item in items(work_file)]


def _readers(table: list[Row]) -> list[PdfReader | None]:
    readers: list[PdfReader | None] = []
    for entry in table:
        if entry.file is None:
            readers.append(None)
            continue
        try:
            with entry.file.open("rb") as handle:
                readers.append(PdfReader(io.BytesIO(handle.read()), strict=False))
        except (OSError, PyPdfError, ValueError):
            # A missing or unreadable file: the table of contents says so.
            logger.warning("work file %s: document %s unreadable", entry.ordinal, entry.file.name)
            readers.append(None)
    return readers


def _front(work_file: WorkFile, table: list[Row], starts: list[int | None]) -> bytes:
    unit = work_file.file_list.unit
    return renderer.pdf(
        "workfile.html",
        {
            "work_file": work_file,
            "unit": unit,
            "parent_name": unit.parent.name if unit.parent_id and unit.parent else "",
            "code": file_code(work_file),
            "rows": list(zip(table, starts, strict=True)),
        },
    )


def pdf(work_file: WorkFile) -> bytes:
    """The whole file as one PDF: cover, table of contents, then the documents."""
    table = rows(work_file)
    readers = _readers(table)
    # The table of contents gives each document's first page, which depends
    # on how long the front matter is: render, count, render again until stable.
    front_pages = 0
    front = b""
    for _attempt in range(3):
        starts: list[int | None] = []
        page = front_pages + 1
        for reader in readers:
            starts.append(page if reader is not None else None)
            page += len(reader.pages) if reader is not None else 0
        front = _front(work_file, table, starts)
        pages = len(PdfReader(io.BytesIO(front)).pages)
        if pages == front_pages:
            break
        front_pages = pages
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    for entry, reader in zip(table, readers, strict=True):
        if reader is None:
            continue
        first = len(writer.pages)
        writer.append(reader, import_outline=False)
        writer.add_outline_item(
            title=f"{entry.ordinal}. {entry.notation or entry.type_name}", page_number=first
        )
    writer.add_metadata({"/Title": f"{file_code(work_file)} {work_file.title}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _date(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value is not None else ""


def _add(parent: ET.Element, tag: str, text: str | int | None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = "" if text is None else str(text)
    return element


def xml(work_file: WorkFile) -> bytes:
    """The file's metadata (Appendix VI) with its documents', as UTF-8 XML."""
    root = ET.Element("File")
    code = ET.SubElement(root, "FileCode")
    _add(code, "OrganId", organ_id(work_file.file_list.unit))
    _add(code, "FileCatalog", work_file.file_list.year)
    _add(code, "FileNotation", work_file.notation)
    _add(root, "Title", work_file.title)
    _add(root, "Maintenance", work_file.maintenance)
    _add(root, "Rights", str(work_file.get_rights_display()))
    _add(root, "Creator", work_file.responsible.display_name)
    _add(root, "StartDate", _date(work_file.start_date))
    _add(root, "EndDate", _date(work_file.end_date))
    _add(root, "DocTotal", work_file.doc_total)
    _add(root, "PageTotal", work_file.page_total)
    documents = ET.SubElement(root, "Documents")
    for entry in rows(work_file):
        document = ET.SubElement(documents, "Document")
        _add(document, "DocOrdinal", entry.ordinal)
        _add(document, "TypeName", entry.type_name)
        _add(document, "CodeNumber", entry.code_number)
        _add(document, "CodeNotation", entry.code_notation)
        _add(document, "IssuedDate", _date(entry.issued))
        _add(document, "OrganName", entry.organ_name)
        _add(document, "Subject", entry.subject)
        _add(document, "PageAmount", entry.page_amount)
        if entry.arrival_number is not None:
            _add(document, "ArrivalDate", _date(entry.arrival_date))
            _add(document, "ArrivalNumber", entry.arrival_number)
    ET.indent(root)
    return bytes(ET.tostring(root, xml_declaration=True, encoding="utf-8")) + b"\n"
