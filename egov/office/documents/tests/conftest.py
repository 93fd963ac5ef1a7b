"""The document office's fixtures: the province's abbreviations and its document types."""

from __future__ import annotations

import importlib
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from egov.conftest import Cast, Province
from egov.office.documents.models import Channel, DocumentType, IncomingDocument, UnitAbbreviation
from egov.office.documents.services.incoming import Arrival, register_incoming

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def ensure_document_types() -> None:
    """The 29 types of migration 0002, again if a transactional test before this one
    flushed the tables (the live-server browser tests do)."""
    if DocumentType.objects.exists():
        return
    data = importlib.import_module("egov.office.documents.migrations.0002_decree30_document_types")
    data.add_types(apps, None)


@pytest.fixture
def abbreviations(province: Province) -> Province:
    """Tỉnh Tây Ninh signs as UBND; Sở Tư pháp drafts as STP."""
    ensure_document_types()
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
