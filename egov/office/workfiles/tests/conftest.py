"""Work files' fixtures: Sở Tư pháp's list of 2026, its maker, a colleague, two documents.

`cast.head` (head of Sở Tư pháp) drafts the list, `cast.leader` (leader of
the province) approves it, `cast.clerk` keeps the province's archive.
`people.maker` makes the files, `people.colleague` works beside him.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from egov.conftest import Cast, Province, make_staff
from egov.office.documents.models import IncomingDocument
from egov.office.documents.services.handling import Assignment, assign_incoming
from egov.office.documents.tests.conftest import (  # noqa: F401 - fixtures
    abbreviations,
    media,
    office,
    registered,
)
from egov.office.documents.tests.conftest import (
    letter as letter_type,
)
from egov.office.workfiles import services
from egov.office.workfiles.models import FileList, WorkFile, WorkFileItem
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent

YEAR = 2026


def pdf_bytes(pages: int) -> bytes:
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(pages: int = 1, name: str = "tai-lieu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


@dataclass
class People:
    maker: User
    colleague: User


@pytest.fixture
def people(cast: Cast, province: Province) -> People:
    return People(
        maker=make_staff("chuyenvien.tp", "Hoàng Văn Nam", (province.justice, Role.SPECIALIST)),
        colleague=make_staff("dongnghiep.tp", "Ngô Thị Bích", (province.justice, Role.SPECIALIST)),
    )


def entry(maker: User, **changes: Any) -> services.Entry:
    values: dict[str, Any] = {
        "notation": "01.TP",
        "title": "Hồ sơ hướng dẫn đăng ký hộ tịch trực tuyến năm 2026",
        "retention_years": 10,
        "responsible": maker,
    }
    values.update(changes)
    return services.Entry(**values)


def assigned(cast: Cast, province: Province, **changes: Any) -> IncomingDocument:
    """An incoming document of the province, assigned to Sở Tư pháp (its staff see it)."""
    document = registered(cast, province, **changes)
    return assign_incoming(
        actor=cast.leader, document=document, assignment=Assignment(lead_unit=province.justice)
    )


@pytest.fixture
def planned(office: Province, cast: Cast, people: People) -> WorkFile:
    """File 01.TP in Sở Tư pháp's approved list of 2026, not opened yet."""
    work_file = services.add_list_entry(
        actor=cast.head, unit=office.justice, year=YEAR, entry=entry(people.maker)
    )
    services.approve_list(actor=cast.leader, unit=office.justice, year=YEAR)
    return work_file


@pytest.fixture
def opened(planned: WorkFile, people: People) -> WorkFile:
    return services.open_file(actor=people.maker, work_file=planned)


@dataclass
class Filled:
    work_file: WorkFile
    decision: IncomingDocument
    letter: IncomingDocument


@pytest.fixture
def filled(opened: WorkFile, office: Province, cast: Cast, people: People) -> Filled:
    """The open file with two documents and a note with a 2-page PDF."""
    decision = assigned(cast, office)
    letter = assigned(
        cast,
        office,
        sender="Sở Tư pháp tỉnh Long An",
        notation="120/STP-HCTP",
        issued_on=date(2026, 2, 27),
        document_type=letter_type(),
        summary="V/v trao đổi kinh nghiệm đăng ký hộ tịch",
        pages=2,
    )
    services.add_document(actor=people.maker, work_file=opened, document_id=decision.pk)
    services.add_document(actor=people.maker, work_file=opened, document_id=letter.pk)
    services.add_note(
        actor=people.maker,
        work_file=opened,
        text="Biên bản họp tổ công tác ngày 05/03/2026",
        file=pdf_upload(2),
        dated=date(2026, 3, 5),
    )
    return Filled(work_file=opened, decision=decision, letter=letter)


def snapshot() -> tuple[Any, ...]:
    """Everything a work-file action could change."""
    return (
        list(FileList.objects.order_by("pk").values()),
        list(WorkFile.objects.order_by("pk").values()),
        list(WorkFileItem.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


__all__ = [
    "YEAR",
    "Filled",
    "People",
    "abbreviations",
    "assigned",
    "entry",
    "media",
    "office",
    "pdf_bytes",
    "pdf_upload",
    "snapshot",
]
