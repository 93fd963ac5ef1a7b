"""The document office's fixtures: the province's abbreviations and its document types."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from egov.conftest import Cast, Province
from egov.office.documents.models import Channel, DocumentType, IncomingDocument, UnitAbbreviation
from egov.office.documents.services.incoming import Arrival, register_incoming

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def abbreviations(province: Province) -> Province:
    """Tỉnh Tây Ninh signs as UBND; Sở Tư pháp drafts as STP."""
    UnitAbbreviation.objects.create(unit=province.province, abbreviation="UBND")
    UnitAbbreviation.objects.create(unit=province.justice, abbreviation="STP")
    UnitAbbreviation.objects.create(unit=province.centre, abbreviation="VP")
    return province


def doc_type(abbreviation: str) -> DocumentType:
    return DocumentType.objects.get(abbreviation=abbreviation)


def letter() -> DocumentType:
    return DocumentType.objects.get(is_letter=True)


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = pdf_bytes()


def pdf(name: str = "van-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


ARRIVED = datetime(2026, 3, 4, 8, 30, tzinfo=VN)


def arrival(**changes: Any) -> Arrival:
    values: dict[str, Any] = {
        "channel": Channel.PAPER,
        "arrived_at": ARRIVED,
        "sender": "Bộ Tư pháp",
        "notation": "15/QĐ-BTP",
        "issued_on": date(2026, 3, 2),
        "document_type": doc_type("QĐ"),
        "summary": "Về việc hướng dẫn đăng ký hộ tịch trực tuyến",
        "pages": 3,
    }
    values.update(changes)
    return Arrival(**values)


def registered(cast: Cast, province: Province, **changes: Any) -> IncomingDocument:
    return register_incoming(
        actor=cast.clerk, body=province.province, arrival=arrival(**changes), file=pdf()
    )


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def office(abbreviations: Province, cast: Cast, media: Path) -> Province:
    """The province with its abbreviations; `cast.leader` leads it, `cast.clerk` registers."""
    return abbreviations
