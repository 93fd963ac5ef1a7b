"""A closed file exported as one PDF (cover, table of contents, documents) and as XML."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET  # noqa: N817

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from egov.office.workfiles import export, services
from egov.office.workfiles.tests.conftest import Filled, People

pytestmark = pytest.mark.django_db


def _closed(filled: Filled, people: People) -> None:
    services.close_file(actor=people.maker, work_file=filled.work_file)
    filled.work_file.refresh_from_db()


def test_the_pdf_has_the_cover_the_contents_then_every_document(
    filled: Filled, people: People
) -> None:
    _closed(filled, people)

    reader = PdfReader(io.BytesIO(export.pdf(filled.work_file)))

    # Cover and contents, then the letter (1 page), the decision (1), the note's PDF (2).
    assert len(reader.pages) == 6
    assert reader.pages[0].extract_text().splitlines() == [
        "TỈNH TÂY NINH",
        "SỞ TƯ PHÁP",
        "Mã hồ sơ: 000.00.12.H53.2026.01.TP",
        "HỒ SƠ",
        "Hồ sơ hướng dẫn đăng ký hộ tịch trực tuyến năm",
        "2026",
        "Từ ngày 27/02/2026 đến ngày 05/03/2026",
        "Số lượng văn bản: 3",
        "Số lượng trang: 7",
        "Thời hạn bảo quản: 10 năm",
        "Chế độ sử dụng: Hạn chế sử dụng",
        "Người lập hồ sơ: Hoàng Văn Nam",
    ]
    # The last column is the page of the exported PDF where each document starts.
    assert reader.pages[1].extract_text().splitlines() == [
        "MỤC LỤC VĂN BẢN",
        "STT Số, ký hiệu Ngày tháng Tác giả Trích yếu nội dung Trang",
        "1 120/STP-HCTP 27/02/2026 Sở Tư",
        "pháp tỉnh",
        "Long An",
        "Công văn: V/v trao đổi kinh",
        "nghiệm đăng ký hộ tịch",
        "3",
        "2 15/QĐ-BTP 02/03/2026 Bộ Tư",
        "pháp",
        "Quyết định (cá biệt): Về việc",
        "hướng dẫn đăng ký hộ tịch",
        "trực tuyến",
        "4",
        "3 — 05/03/2026 Hoàng Văn",
        "Nam",
        "Ghi chú, tài liệu: Biên bản",
        "họp tổ công tác ngày",
        "05/03/2026",
        "5",
    ]
    assert [page.extract_text() for page in reader.pages[2:]] == ["", "", "", ""]
    marks = [item for item in reader.outline if isinstance(item, Destination)]
    assert len(marks) == len(reader.outline)
    assert [(mark.title, reader.get_destination_page_number(mark)) for mark in marks] == [
        ("1. 120/STP-HCTP", 2),
        ("2. 15/QĐ-BTP", 3),
        ("3. Ghi chú, tài liệu", 4),
    ]


EXPECTED_XML = """<?xml version='1.0' encoding='utf-8'?>
<File>
  <FileCode>
    <OrganId>000.00.12.H53</OrganId>
    <FileCatalog>2026</FileCatalog>
    <FileNotation>01.TP</FileNotation>
  </FileCode>
  <Title>Hồ sơ hướng dẫn đăng ký hộ tịch trực tuyến năm 2026</Title>
  <Maintenance>10 năm</Maintenance>
  <Rights>Hạn chế sử dụng</Rights>
  <Creator>Hoàng Văn Nam</Creator>
  <StartDate>27/02/2026</StartDate>
  <EndDate>05/03/2026</EndDate>
  <DocTotal>3</DocTotal>
  <PageTotal>7</PageTotal>
  <Documents>
    <Document>
      <DocOrdinal>1</DocOrdinal>
      <TypeName>Công văn</TypeName>
      <CodeNumber>120</CodeNumber>
      <CodeNotation>STP-HCTP</CodeNotation>
      <IssuedDate>27/02/2026</IssuedDate>
      <OrganName>Sở Tư pháp tỉnh Long An</OrganName>
      <Subject>V/v trao đổi kinh nghiệm đăng ký hộ tịch</Subject>
      <PageAmount>2</PageAmount>
      <ArrivalDate>04/03/2026</ArrivalDate>
      <ArrivalNumber>2</ArrivalNumber>
    </Document>
    <Document>
      <DocOrdinal>2</DocOrdinal>
      <TypeName>Quyết định (cá biệt)</TypeName>
      <CodeNumber>15</CodeNumber>
      <CodeNotation>QĐ-BTP</CodeNotation>
      <IssuedDate>02/03/2026</IssuedDate>
      <OrganName>Bộ Tư pháp</OrganName>
      <Subject>Về việc hướng dẫn đăng ký hộ tịch trực tuyến</Subject>
      <PageAmount>3</PageAmount>
      <ArrivalDate>04/03/2026</ArrivalDate>
      <ArrivalNumber>1</ArrivalNumber>
    </Document>
    <Document>
      <DocOrdinal>3</DocOrdinal>
      <TypeName>Ghi chú, tài liệu</TypeName>
      <CodeNumber />
      <CodeNotation />
      <IssuedDate>05/03/2026</IssuedDate>
      <OrganName>Hoàng Văn Nam</OrganName>
      <Subject>Biên bản họp tổ công tác ngày 05/03/2026</Subject>
      <PageAmount>2</PageAmount>
    </Document>
  </Documents>
</File>
"""


def test_the_xml_holds_the_metadata_of_the_file_and_its_documents(
    filled: Filled, people: People
) -> None:
    _closed(filled, people)

    data = export.xml(filled.work_file)

    assert data.decode() == EXPECTED_XML
    root = ET.fromstring(data)  # noqa: S314 - our own output
    assert [child.tag for child in root] == [
        "FileCode",
        "Title",
        "Maintenance",
        "Rights",
        "Creator",
        "StartDate",
        "EndDate",
        "DocTotal",
        "PageTotal",
        "Documents",
    ]
    assert root.findtext("FileCode/FileNotation") == "01.TP"
    assert [d.findtext("ArrivalNumber") for d in root.iter("Document")] == ["2", "1", None]
